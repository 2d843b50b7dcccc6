using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Workbooks.Plans;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Reports.Workbooks;

/// <summary>
/// A what-if comparison as a workbook (docs/workbooks.md): the base plan's Releases and Calendar,
/// the KPIs of the base and each variant side by side, and a Moves sheet listing, variant by
/// variant, each release that moved, title added or dropped and mode changed, with its cause.
/// </summary>
public static class ComparisonWorkbook
{
    public static byte[] Write(Scenario baseScenario, Plan basePlan, string heading, IReadOnlyList<(string Id, Scenario Scenario, Plan Plan, PlanDiff Diff)> variants)
    {
        ArgumentNullException.ThrowIfNull(basePlan);
        ArgumentNullException.ThrowIfNull(variants);
        return XlsxWriter.Write(
        [
            PlanWorkbook.Releases(baseScenario, basePlan),
            PlanWorkbook.Kpis(heading, [("base", basePlan), .. variants.Select(v => (v.Id, v.Plan))]),
            PlanWorkbook.Calendar(baseScenario, basePlan),
            Moves(variants),
        ]);
    }

    private static XlsxSheet Moves(IReadOnlyList<(string Id, Scenario Scenario, Plan Plan, PlanDiff Diff)> variants)
    {
        var sheet = new XlsxSheet(PlanSheets.Moves,
        [
            new("variant"), new("title"), new("region"), new("change"), new("from", XlsxColumnFormat.Date), new("to", XlsxColumnFormat.Date), new("value change"), new("cause"),
        ])
        { FrozenColumns = 2 };
        foreach (var (id, _, _, diff) in variants)
        {
            foreach (var move in diff.Moved)
            {
                sheet.Add(XlsxValue.Of(id), XlsxValue.Of(move.Title), XlsxValue.Of(move.Region), XlsxValue.Of("moved"),
                    XlsxValue.Of(move.From), XlsxValue.Of(move.To), XlsxValue.Of(Math.Round(move.ValueChange, 6)), XlsxValue.Of(MoveWording.Why(move)));
            }

            foreach (var mode in diff.ModeChanges)
            {
                sheet.Add(XlsxValue.Of(id), XlsxValue.Of(mode.Title), XlsxValue.Empty, XlsxValue.Of($"mode {mode.From} -> {mode.To}"));
            }

            foreach (var format in diff.FormatChanges)
            {
                sheet.Add(XlsxValue.Of(id), XlsxValue.Of(format.Title), XlsxValue.Empty, XlsxValue.Of($"format {format.From} -> {format.To}"));
            }

            foreach (var title in diff.Added)
            {
                sheet.Add(XlsxValue.Of(id), XlsxValue.Of(title), XlsxValue.Empty, XlsxValue.Of("added"));
            }

            foreach (var title in diff.Dropped)
            {
                sheet.Add(XlsxValue.Of(id), XlsxValue.Of(title), XlsxValue.Empty, XlsxValue.Of("left out"));
            }
        }

        return sheet;
    }
}
