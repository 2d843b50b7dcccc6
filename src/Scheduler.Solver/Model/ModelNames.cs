using System.Globalization;
using System.Text;
using NodaTime;
using Scheduler.Core.Values;

namespace Scheduler.Solver.Model;

/// <summary>
/// Readable, unique names for columns and rows, such as <c>s(ember_road)(us)(2027_03_05)</c> or
/// <c>cap(us)(2027_03_05)</c>, so that an exported model and a conflict read in business terms.
/// Characters that MPS and LP readers reject become '_'; a rare clash gets a numeric suffix.
/// </summary>
internal sealed class ModelNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Name(string kind, params ReadOnlySpan<string> parts)
    {
        var text = new StringBuilder(kind);
        foreach (var part in parts)
        {
            text.Append('(');
            foreach (var c in part)
            {
                text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
            }

            text.Append(')');
        }

        var name = text.Length > 90 ? text.ToString(0, 90) : text.ToString();
        var unique = name;
        for (var n = 2; !_used.Add(unique); n++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
        }

        return unique;
    }

    public static string Day(LocalDate date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year:0000}_{date.Month:00}_{date.Day:00}");

    public static string Week(IsoWeek week) => string.Create(CultureInfo.InvariantCulture, $"{week.WeekYear}W{week.Week:00}");
}
