using System.Text.RegularExpressions;

namespace Scheduler.Core.Validation;

/// <summary>Builds JSON paths in the <c>$.titles[3].readiness.jp</c> notation, quoting names that are not plain identifiers.</summary>
public static partial class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name)
        => PlainName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();
}
