using System.Text.RegularExpressions;

namespace Scheduler.Core;

/// <summary>Ids of regions, titles, events and variants are slugs: <c>^[a-z0-9][a-z0-9._-]*$</c>.</summary>
public static partial class Ids
{
    public static bool IsValid(string? value) => value is not null && Slug().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
