using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Storage.Stores;

/// <summary>
/// API token secrets: made here, shown once, and known to the database only by their SHA-256.
/// A secret is 256 random bits, so a fast hash is enough (there is no dictionary to try against
/// it), and being fast and unsalted it can be looked up through an index.
/// </summary>
internal static class TokenSecrets
{
    /// <summary>Marks a secret as Scheduler's, for people reading a configuration file and for secret scanners.</summary>
    public const string Prefix = "sch_";

    private const int RandomBytes = 32;

    /// <summary>A new secret: the prefix and 32 random bytes, base64url without padding.</summary>
    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>What the database keeps of <paramref name="secret"/>: the SHA-256 of its UTF-8 bytes, lowercase hex.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }
}
