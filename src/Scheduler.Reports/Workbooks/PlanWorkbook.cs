using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Workbooks.Plans;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Reports.Workbooks;

/// <summary>
/// A plan as a workbook (docs/workbooks.md): Releases (each release with its local date and time, UTC
/// instant, drops, value and the value's factors), KPIs, and a Calendar of weeks across and regions
/// down; a comparison adds Moves. Dates are Excel dates; header rows are frozen.
/// </summary>
public static class PlanWorkbook
{
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static byte[] Write(Scenario scenario, Plan plan, string heading)
        => XlsxWriter.Write([Releases(scenario, plan), Kpis(heading, [("plan", plan)]), Calendar(scenario, plan)]);

    internal static XlsxSheet Releases(Scenario scenario, Plan plan)
    {
        var formats = new Dictionary<string, XlsxColumnFormat>(StringComparer.Ordinal)
        {
            [PlanSheets.Date] = XlsxColumnFormat.Date,
            [PlanSheets.Planned] = XlsxColumnFormat.Date,
            [PlanSheets.PublishAtUtc] = XlsxColumnFormat.DateTime,
            [PlanSheets.LocalTime] = XlsxColumnFormat.Text,
        };
        var sheet = new XlsxSheet(PlanSheets.Releases, [.. PlanSheets.ReleaseColumns.Select(c => new XlsxColumn(c, formats.GetValueOrDefault(c)))]) { FrozenColumns = 3 };
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode ?? "", StringComparer.Ordinal);
        var chosen = plan.Titles.ToDictionary(t => t.Id, t => t.Format, StringComparer.Ordinal);
        var values = PlanFormats.ValuesFor(new ValueModel(scenario), plan); // each title's factors in the format the plan chose
        foreach (var release in plan.Releases)
        {
            var title = values.Scenario.TitlesById.GetValueOrDefault(release.Title);
            var region = scenario.RegionsById.GetValueOrDefault(release.Region);
            var local = region is null ? (ZonedDateTime?)null : release.PublishAt.InZone(region.TimeZone);
            var factors = title is null || region is null ? null : values.Explain(title, region.Id, release.Date);
            sheet.Add(
                XlsxValue.Of(release.Title),
                XlsxValue.Of(title?.Name),
                XlsxValue.Of(release.Region),
                XlsxValue.Of(modes.GetValueOrDefault(release.Title)),
                XlsxValue.Of(release.Date),
                XlsxValue.Of(local is { } l ? Time.Format(l.TimeOfDay) : null),
                XlsxValue.Of(region?.TimeZone.Id),
                XlsxValue.Of(release.PublishAt.InUtc().LocalDateTime),
                XlsxValue.Of(Math.Max(1, release.Drops.Length)),
                XlsxValue.Of(DropWording.Dates(release)),
                XlsxValue.Of(Math.Round(release.Value, 6)),
                factors is null ? XlsxValue.Empty : XlsxValue.Of(Math.Round(factors.Base, 6)),
                factors is null ? XlsxValue.Empty : XlsxValue.Of(Math.Round(factors.Seasonal, 6)),
                factors is null ? XlsxValue.Empty : XlsxValue.Of(Math.Round(factors.Genre, 6)),
                factors is null ? XlsxValue.Empty : XlsxValue.Of(Math.Round(factors.Competition, 6)),
                factors is null ? XlsxValue.Empty : XlsxValue.Of(Math.Round(factors.Timing, 6)),
                XlsxValue.Of(release.Date),
                XlsxValue.Of(chosen.GetValueOrDefault(release.Title)));
        }

        sheet.Check(new XlsxValidation(4, null, false, "date", "The release's local date. Edit it to move the release; 'scheduler verify' checks the workbook and 'scheduler replan --pins' takes the edited dates as pins."));
        sheet.Check(new XlsxValidation(16, null, false, "planned", "The date as exported; rows whose date differs from it are the edits."));
        return sheet;
    }

    /// <summary>The figures of one plan, or of a base and its variants side by side (one column each).</summary>
    internal static XlsxSheet Kpis(string heading, IReadOnlyList<(string Label, Plan Plan)> plans)
    {
        var sheet = new XlsxSheet(PlanSheets.Kpis, [new("figure"), .. plans.Select(p => new XlsxColumn(p.Label))]) { FrozenColumns = 1 };
        sheet.Add(XlsxValue.Of("heading"), XlsxValue.Of(heading));
        Row("scenario", p => XlsxValue.Of(p.Scenario.Name));
        Row("variant", p => XlsxValue.Of(p.Scenario.Variant ?? "base"));
        Row("generated at (UTC)", p => XlsxValue.Of(p.GeneratedAt.InUtc().LocalDateTime));
        Row("engine", p => XlsxValue.Of(p.Solver.Engine));
        Row("status", p => XlsxValue.Of(p.Solver.Status));
        Row("objective", p => XlsxValue.Of(p.Kpis.Objective));
        Row("bound", p => p.Solver.Bound is { } bound ? XlsxValue.Of(bound) : XlsxValue.Empty);
        Row("gap", p => p.Solver.Gap is { } gap ? XlsxValue.Of(gap) : XlsxValue.Empty);
        Row("value", p => XlsxValue.Of(p.Kpis.Value));
        Row("clash cost", p => XlsxValue.Of(p.Kpis.ClashCost));
        Row("move cost", p => XlsxValue.Of(p.Kpis.MoveCost));
        Row("releases", p => XlsxValue.Of(p.Kpis.Releases));
        Row("titles scheduled", p => XlsxValue.Of(p.Kpis.TitlesScheduled));
        Row("titles left out", p => XlsxValue.Of(p.Kpis.TitlesUnscheduled));
        Row("solve seconds", p => XlsxValue.Of(Math.Round(p.Solver.Seconds, 3)));
        return sheet;

        void Row(string figure, Func<Plan, XlsxValue> value) => sheet.Add([XlsxValue.Of(figure), .. plans.Select(p => value(p.Plan))]);
    }

    /// <summary>Weeks (from Monday) across, regions down; a cell lists the titles premiering there that week.</summary>
    internal static XlsxSheet Calendar(Scenario scenario, Plan plan)
    {
        var weeks = plan.Releases.Select(r => Monday(r.Date)).Distinct().Order().ToList();
        if (weeks.Count > 0)
        {
            var all = new List<LocalDate>();
            for (var week = weeks[0]; week <= weeks[^1]; week = week.PlusWeeks(1))
            {
                all.Add(week);
            }

            weeks = all;
        }

        var columns = new List<XlsxColumn> { new("region") };
        columns.AddRange(weeks.Select(w => new XlsxColumn(string.Create(CultureInfo.InvariantCulture, $"{w:yyyy-MM-dd}"))));
        var sheet = new XlsxSheet(PlanSheets.Calendar, columns) { FrozenColumns = 1 };
        var byCell = plan.Releases.ToLookup(r => (r.Region, Monday(r.Date)));
        foreach (var region in scenario.Regions)
        {
            var row = new XlsxValue[columns.Count];
            row[0] = XlsxValue.Of(region.Id);
            for (var i = 0; i < weeks.Count; i++)
            {
                row[i + 1] = XlsxValue.Of(string.Join(", ", byCell[(region.Id, weeks[i])].Select(r => scenario.TitlesById.TryGetValue(r.Title, out var t) ? t.Name : r.Title)));
            }

            sheet.Add(row);
        }

        return sheet;
    }

    private static LocalDate Monday(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
}
