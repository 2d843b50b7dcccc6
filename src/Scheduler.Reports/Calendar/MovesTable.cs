using System.Globalization;
using System.Net;
using System.Text;
using NodaTime.Text;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;

namespace Scheduler.Reports.Calendar;

/// <summary>A variant's moved releases in the HTML comparison: from, to, the value that changes and why it moved.</summary>
internal static class MovesTable
{
    /// <summary>The most rows shown; the rest are counted below the table (all are in the JSON).</summary>
    public const int RowsShown = 200;

    public static void Append(StringBuilder html, PlanDiff diff)
    {
        if (diff.Moved.IsEmpty)
        {
            return;
        }

        html.Append("<table class=\"moves\"><caption>Moved releases</caption><thead><tr><th scope=\"col\">title</th><th scope=\"col\">region</th>")
            .Append("<th scope=\"col\">from</th><th scope=\"col\">to</th><th scope=\"col\">value change</th><th scope=\"col\">why</th></tr></thead><tbody>");
        foreach (var move in diff.Moved.Take(RowsShown))
        {
            html.Append("<tr data-cause=\"").Append(move.Why?.CauseName ?? "").Append("\"><td>").Append(Encode(move.Title))
                .Append("</td><td>").Append(Encode(move.Region))
                .Append("</td><td>").Append(LocalDatePattern.Iso.Format(move.From))
                .Append("</td><td>").Append(LocalDatePattern.Iso.Format(move.To))
                .Append("</td><td class=\"n\">").Append(move.ValueChange.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Encode(MoveWording.Why(move))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        if (diff.Moved.Length > RowsShown)
        {
            html.Append("<p>... and ").Append(diff.Moved.Length - RowsShown).Append(" more moved releases.</p>");
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
