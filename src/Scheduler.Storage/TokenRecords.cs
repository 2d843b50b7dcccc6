using NodaTime;

namespace Scheduler.Storage;

/// <summary>What an API token's holder is trusted with; the HTTP API decides what each role may do.</summary>
public enum TokenRole
{
    Viewer,
    Planner,
    Admin,

    /// <summary>Reads the iCalendar feeds, its secret in the feed's URL, and nothing else (docs/workbooks.md).</summary>
    Feed,
}

/// <summary>
/// A <see cref="TokenRole"/> as text: lowercase, as the database stores it and as a person types
/// it. Both directions are here so that they cannot drift apart.
/// </summary>
public static class TokenRoles
{
    public static string Format(TokenRole role) => role switch
    {
        TokenRole.Viewer => "viewer",
        TokenRole.Planner => "planner",
        TokenRole.Admin => "admin",
        TokenRole.Feed => "feed",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a token role."),
    };

    /// <summary>Reads a role in any case ("planner", "Planner"); false for anything else.</summary>
    public static bool TryParse(string? text, out TokenRole role)
    {
        foreach (var candidate in Enum.GetValues<TokenRole>())
        {
            if (string.Equals(text, Format(candidate), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <exception cref="FormatException"><paramref name="text"/> names no role.</exception>
    public static TokenRole Parse(string text)
        => TryParse(text, out var role) ? role : throw new FormatException($"'{text}' is not a token role: use viewer, planner, admin or feed.");
}

/// <summary>An API token as listed: never its secret, nor the secret's hash.</summary>
public sealed record ApiToken(string Name, TokenRole Role, Instant CreatedAt, Instant? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>The token, not revoked, that a presented secret belongs to: who is calling, and what they may do.</summary>
public sealed record ActiveToken(string Name, TokenRole Role);
