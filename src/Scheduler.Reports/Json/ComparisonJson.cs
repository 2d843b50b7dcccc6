using NodaTime.Text;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;

namespace Scheduler.Reports.Json;

/// <summary>A what-if comparison as <c>compare --json</c> prints it: the base's outcome, then each variant's KPIs, deltas and moves.</summary>
public static class ComparisonJson
{
    /// <param name="comparison">The comparison.</param>
    /// <param name="requestedVariant">How the front end names the place its user chose the variants (<c>--variant</c>, <c>$.variants</c>).</param>
    public static object Of(Comparison comparison, string requestedVariant)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return new
        {
            @base = Outcome(comparison.Base),
            variants = comparison.Variants.Select(v => new
            {
                id = v.Id,
                status = v.Errors.Count > 0 ? "invalid" : v.Outcome?.Plan?.Solver.Status ?? v.Outcome!.Status.ToPlanStatus(),
                kpis = v.Outcome?.Plan?.Kpis,
                delta = v.Diff?.Delta,
                moved = v.Diff?.Moved.Select(m => new
                {
                    title = m.Title,
                    region = m.Region,
                    from = LocalDatePattern.Iso.Format(m.From),
                    to = LocalDatePattern.Iso.Format(m.To),
                    valueChange = m.ValueChange,
                }),
                added = v.Diff?.Added,
                dropped = v.Diff?.Dropped,
                modeChanges = v.Diff?.ModeChanges.Select(c => new { title = c.Title, from = c.From, to = c.To }),
                summary = v.Diff is { } diff && comparison.Base.Plan is { } basePlan ? diff.Summary(basePlan) : null,
                errors = ErrorJson.Of(v.Errors, requestedVariant)
                    .Concat((v.Outcome?.Plan is null ? v.Outcome?.Reasons ?? [] : []).Select(r => new { path = "", message = r })),
            }),
        };
    }

    private static object Outcome(PlanningOutcome outcome) => new
    {
        scenario = outcome.Plan?.Scenario,
        status = outcome.Plan?.Solver.Status ?? outcome.Status.ToPlanStatus(),
        kpis = outcome.Plan?.Kpis,
        solver = outcome.Plan?.Solver,
        errors = outcome.Plan is null ? outcome.Reasons : [],
    };
}
