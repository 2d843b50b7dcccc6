using System.Globalization;
using System.Net;
using System.Text;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;

namespace Scheduler.Reports.Calendar;

/// <summary>
/// The release table under a calendar: each release with its genres and mode, its local date and
/// time in its region's zone beside the UTC instant, its drops and its value.
/// </summary>
internal static class ReleaseTable
{
    private static readonly ZonedDateTimePattern LocalTime = ZonedDateTimePattern.CreateWithInvariantCulture("HH:mm x", null);

    public static void Append(StringBuilder html, Scenario scenario, Plan plan)
    {
        // The mode, and the format chosen for a title that offers several ("global, weekly").
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Format is { } format ? $"{t.Mode}, {format}" : t.Mode, StringComparer.Ordinal);
        html.Append("<h2>Releases</h2><table><thead><tr><th scope=\"col\">local date</th><th scope=\"col\">local time</th><th scope=\"col\">region</th>")
            .Append("<th scope=\"col\">title</th><th scope=\"col\">genres</th><th scope=\"col\">mode</th><th scope=\"col\">publish at (UTC)</th>")
            .Append("<th scope=\"col\">drops</th><th scope=\"col\" class=\"n\">value</th></tr></thead><tbody>");
        foreach (var release in plan.Releases)
        {
            var title = scenario.TitlesById.GetValueOrDefault(release.Title);
            var local = scenario.RegionsById.TryGetValue(release.Region, out var region) ? LocalTime.Format(release.PublishAt.InZone(region.TimeZone)) : "";
            html.Append("<tr><td>").Append(LocalDatePattern.Iso.Format(release.Date))
                .Append("</td><td>").Append(Encode(local))
                .Append("</td><td>").Append(Encode(release.Region))
                .Append("</td><td>").Append(Encode(title is null ? release.Title : $"{title.Name} ({title.Id})"))
                .Append("</td><td>").Append(Encode(title is null ? "" : string.Join(", ", title.Genres)))
                .Append("</td><td>").Append(Encode(modes.GetValueOrDefault(release.Title) ?? ""))
                .Append("</td><td>").Append(InstantPattern.General.Format(release.PublishAt))
                .Append("</td><td>").Append(Encode(DropWording.Describe(release, release.Date) ?? ""))
                .Append("</td><td class=\"n\">").Append(release.Value.ToString("0.##", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
