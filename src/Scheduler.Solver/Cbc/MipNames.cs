using System.Buffers;

namespace Scheduler.Solver.Cbc;

/// <summary>
/// Names must survive both file formats CBC writes. Its LP writer (CoinLpIO) silently replaces
/// every row or column name with a generated one as soon as a single name breaks its rules, so
/// the rules are enforced when a name is added, where the caller can still fix it.
/// </summary>
internal static class MipNames
{
    // CoinLpIO appends "_low" to ranged rows and rejects names over 100 characters.
    internal const int MaxLength = 96;

    // The rest of CoinLpIO's alphabet ("!#$%&'(),.;?@`{}~) is legal but hostile to other
    // LP readers and to shells, so only the identifier-like subset is accepted.
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.()");

    // Both writers call the objective row OBJROW; a constraint of that name would clash with it.
    internal const string ObjectiveRowName = "OBJROW";

    internal static void Validate(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length is 0 or > MaxLength)
        {
            throw new ArgumentException($"A name must have 1 to {MaxLength} characters; got {name.Length}.", paramName);
        }

        if (!char.IsAsciiLetter(name[0]) && name[0] != '_')
        {
            throw new ArgumentException($"Name '{name}' must start with an ASCII letter or '_'.", paramName);
        }

        var bad = name.AsSpan().IndexOfAnyExcept(Allowed);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"Name '{name}' contains '{name[bad]}'; only ASCII letters, digits and _ . ( ) are allowed.",
                paramName);
        }
    }

    /// <summary>Duplicates are only checked on export: it costs a hash set over every name, and only the files need them unique.</summary>
    internal static void EnsureUnique(IReadOnlyList<string> names, string kind)
    {
        var seen = new HashSet<string>(names.Count, StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                throw new InvalidOperationException($"The {kind} name '{name}' is used more than once; MPS and LP files need unique names.");
            }
        }
    }
}
