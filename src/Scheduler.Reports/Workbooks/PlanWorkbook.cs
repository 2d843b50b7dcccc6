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
        => XlsxWriter.Write([Releases(scenario, plan), Kpis(plan, heading), Calendar(scenario, plan)]);

    /// <summary>The compared plan's workbook with a Moves sheet: each title or release that moved against the base, and why.</summary>
    public static byte[] WriteComparison(Scenario scenario, Plan plan, string heading, IReadOnlyList<MoveRow> moves)
        => XlsxWriter.Write([Releases(scenario, plan), Kpis(plan, heading), Calendar(scenario, plan), Moves(moves)]);

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
        var values = new ValueModel(scenario);
        foreach (var release in plan.Releases)
        {
            var title = scenario.TitlesById.GetValueOrDefault(release.Title);
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
                XlsxValue.Of(release.Date));
        }

        sheet.Check(new XlsxValidation(4, null, false, "date", "The release's local date. Edit it to move the release; 'scheduler verify' checks the workbook and 'scheduler replan --pins' takes the edited dates as pins."));
        sheet.Check(new XlsxValidation(16, null, false, "planned", "The date as exported; rows whose date differs from it are the edits."));
        return sheet;
    }

    private static XlsxSheet Kpis(Plan plan, string heading)
    {
        var sheet = new XlsxSheet(PlanSheets.Kpis, [new("figure"), new("value")]) { FrozenColumns = 1 };
        sheet.Add(XlsxValue.Of("plan"), XlsxValue.Of(heading));
        sheet.Add(XlsxValue.Of("scenario"), XlsxValue.Of(plan.Scenario.Name));
        sheet.Add(XlsxValue.Of("variant"), XlsxValue.Of(plan.Scenario.Variant ?? "base"));
        sheet.Add(XlsxValue.Of("generated at (UTC)"), XlsxValue.Of(plan.GeneratedAt.InUtc().LocalDateTime));
        sheet.Add(XlsxValue.Of("engine"), XlsxValue.Of(plan.Solver.Engine));
        sheet.Add(XlsxValue.Of("status"), XlsxValue.Of(plan.Solver.Status));
        sheet.Add(XlsxValue.Of("objective"), XlsxValue.Of(plan.Kpis.Objective));
        sheet.Add(XlsxValue.Of("bound"), plan.Solver.Bound is { } bound ? XlsxValue.Of(bound) : XlsxValue.Empty);
        sheet.Add(XlsxValue.Of("gap"), plan.Solver.Gap is { } gap ? XlsxValue.Of(gap) : XlsxValue.Empty);
        sheet.Add(XlsxValue.Of("value"), XlsxValue.Of(plan.Kpis.Value));
        sheet.Add(XlsxValue.Of("clash cost"), XlsxValue.Of(plan.Kpis.ClashCost));
        sheet.Add(XlsxValue.Of("move cost"), XlsxValue.Of(plan.Kpis.MoveCost));
        sheet.Add(XlsxValue.Of("releases"), XlsxValue.Of(plan.Kpis.Releases));
        sheet.Add(XlsxValue.Of("titles scheduled"), XlsxValue.Of(plan.Kpis.TitlesScheduled));
        sheet.Add(XlsxValue.Of("titles left out"), XlsxValue.Of(plan.Kpis.TitlesUnscheduled));
        sheet.Add(XlsxValue.Of("solve seconds"), XlsxValue.Of(Math.Round(plan.Solver.Seconds, 3)));
        return sheet;
    }

    /// <summary>Weeks (from Monday) across, regions down; a cell lists the titles premiering there that week.</summary>
    private static XlsxSheet Calendar(Scenario scenario, Plan plan)
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

    private static XlsxSheet Moves(IReadOnlyList<MoveRow> moves)
    {
        var sheet = new XlsxSheet(PlanSheets.Moves, [new("title"), new("region"), new("change"), new("from", XlsxColumnFormat.Date), new("to", XlsxColumnFormat.Date), new("cause")]) { FrozenColumns = 1 };
        foreach (var move in moves)
        {
            sheet.Add(
                XlsxValue.Of(move.Title),
                XlsxValue.Of(move.Region),
                XlsxValue.Of(move.Change),
                move.From is { } from ? XlsxValue.Of(from) : XlsxValue.Empty,
                move.To is { } to ? XlsxValue.Of(to) : XlsxValue.Empty,
                XlsxValue.Of(move.Cause));
        }

        return sheet;
    }

    private static LocalDate Monday(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
}

/// <summary>One row of a comparison's Moves sheet.</summary>
public sealed record MoveRow(string Title, string? Region, string Change, LocalDate? From, LocalDate? To, string Cause);
