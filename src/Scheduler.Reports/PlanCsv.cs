using System.Globalization;
using CsvHelper;
using NodaTime.Text;
using Scheduler.Core.Plans;

namespace Scheduler.Reports;

/// <summary>
/// The plan's releases as CSV (RFC 4180, written by CsvHelper), one row per (title, region), in the
/// plan's order; a weekly or batched release gives its number of drops and every drop's date (the
/// premiere first); a title that offers formats gives the one chosen.
/// </summary>
public static class PlanCsv
{
    private static readonly string[] Header = ["title", "region", "date", "publishAt", "mode", "value", "drops", "dropDates", "format"];

    public static string Write(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode ?? "", StringComparer.Ordinal);
        var formats = plan.Titles.ToDictionary(t => t.Id, t => t.Format ?? "", StringComparer.Ordinal);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var release in plan.Releases)
            {
                csv.WriteField(release.Title);
                csv.WriteField(release.Region);
                csv.WriteField(LocalDatePattern.Iso.Format(release.Date));
                csv.WriteField(InstantPattern.General.Format(release.PublishAt));
                csv.WriteField(modes.GetValueOrDefault(release.Title, ""));
                csv.WriteField(release.Value.ToString("R", CultureInfo.InvariantCulture));
                csv.WriteField(Math.Max(1, release.Drops.Length).ToString(CultureInfo.InvariantCulture));
                csv.WriteField(DropWording.Dates(release));
                csv.WriteField(formats.GetValueOrDefault(release.Title, ""));
                csv.EndRecord();
            }
        }

        return text.ToString();
    }
}
