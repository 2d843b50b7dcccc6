using System.Globalization;
using System.Text;
using NodaTime.Text;
using Scheduler.Core.Plans;

namespace Scheduler.Reports;

/// <summary>
/// The plan's releases as CSV, one row per (title, region), in the plan's order; a weekly or
/// batched release gives its number of drops and every drop's date (the premiere first).
/// </summary>
public static class PlanCsv
{
    public static string Write(Plan plan)
    {
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode ?? "", StringComparer.Ordinal);
        var text = new StringBuilder("title,region,date,publishAt,mode,value,drops,dropDates\n");
        foreach (var release in plan.Releases)
        {
            text.Append(Field(release.Title)).Append(',')
                .Append(Field(release.Region)).Append(',')
                .Append(LocalDatePattern.Iso.Format(release.Date)).Append(',')
                .Append(InstantPattern.General.Format(release.PublishAt)).Append(',')
                .Append(modes.GetValueOrDefault(release.Title, "")).Append(',')
                .Append(release.Value.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(Math.Max(1, release.Drops.Length).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(DropWording.Dates(release)).Append('\n');
        }

        return text.ToString();
    }

    private static string Field(string value)
        => value.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
