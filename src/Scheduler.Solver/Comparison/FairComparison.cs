using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Comparison;

/// <summary>
/// Fair to both sides (docs/compare.md, "Stable differences"): when a variant's plan, taken as a
/// plan of the base scenario, keeps every base rule and is better than the base plan, the base takes
/// it before the differences are drawn; then each variant takes the base plan the same way when that
/// keeps the variant's rules and is better than its own. So no difference comes from one search
/// being luckier than another. Both are reported.
/// </summary>
public static class FairComparison
{
    /// <summary>The comparison with its base and variants improved by each other's plans, and every diff drawn again.</summary>
    /// <param name="comparison">The base's outcome and each variant's, as solved.</param>
    /// <param name="baseScenario">The base's scenario.</param>
    /// <param name="variantScenarios">Each solved variant's scenario, by id.</param>
    public static Comparison Balance(Comparison comparison, Scenario baseScenario, IReadOnlyDictionary<string, Scenario> variantScenarios)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(baseScenario);
        ArgumentNullException.ThrowIfNull(variantScenarios);
        var baseOutcome = comparison.Base;
        if (baseOutcome.VerifiedPlan is null)
        {
            return comparison;
        }

        string? improvedBy = null;
        var baseValues = new ValueModel(baseScenario);
        foreach (var variant in comparison.Variants.Where(v => !v.SameAsBase && v.Outcome?.VerifiedPlan is not null))
        {
            if (Judge(baseValues, baseOutcome, variant.Outcome!.VerifiedPlan!) is { } better)
            {
                baseOutcome = better;
                improvedBy = variant.Id;
            }
        }

        var basePlan = baseOutcome.VerifiedPlan!;
        var variants = comparison.Variants.Select(variant =>
        {
            if (variant.SameAsBase)
            {
                return VariantComparison.SameAs(variant.Id, baseOutcome);
            }

            if (variant.Outcome?.VerifiedPlan is null || !variantScenarios.TryGetValue(variant.Id, out var scenario))
            {
                return variant;
            }

            var values = new ValueModel(scenario);
            var improved = Judge(values, variant.Outcome, basePlan);
            if (improved is null && improvedBy is null && variant.Diff is not null)
            {
                return variant; // neither side changed: its moves, drawn as it was solved, stand
            }

            var outcome = improved ?? variant.Outcome;

            // A variant solved against the base the comparison no longer has is drawn toward the new one.
            if (improved is null && improvedBy is not null && Reanchor.Toward(scenario, outcome.VerifiedPlan!, basePlan) is { } drawn)
            {
                var objective = outcome.VerifiedPlan!.Kpis.Objective;
                outcome = Rewrite(values, outcome, drawn, atLeast: objective - (1e-9 * Math.Max(1, Math.Abs(objective)))) ?? outcome;
            }

            var inFormats = new ValueModel(PlanFormats.Resolve(scenario, outcome.VerifiedPlan!));
            return variant with { Outcome = outcome, Diff = MoveAttribution.Diff(basePlan, outcome.VerifiedPlan!, inFormats), ImprovedByBase = improved is not null };
        }).ToList();
        return new Comparison(baseOutcome, variants) { BaseImprovedBy = improvedBy };
    }

    /// <summary>
    /// <paramref name="other"/>'s releases as a plan of <paramref name="own"/>'s scenario, with its
    /// bound and statistics, when it keeps every rule there and is better than the plan of
    /// <paramref name="own"/>; otherwise null. It is dated as the plan it replaces.
    /// </summary>
    private static PlanningOutcome? Judge(ValueModel values, PlanningOutcome own, Plan other)
    {
        var ownObjective = own.VerifiedPlan!.Kpis.Objective;
        return Rewrite(values, own, Assignment.FromPlan(other), ownObjective + (1e-9 * Math.Max(1, Math.Abs(ownObjective))));
    }

    /// <summary>
    /// <paramref name="assignments"/> as a plan of <paramref name="own"/>'s scenario with its bound
    /// and statistics, when they keep every rule there and reach an objective above
    /// <paramref name="atLeast"/> (or equal to it); otherwise null.
    /// </summary>
    private static PlanningOutcome? Rewrite(ValueModel values, PlanningOutcome own, IReadOnlyList<Assignment> assignments, double atLeast)
    {
        var ownPlan = own.VerifiedPlan!;
        var scenario = values.Scenario;
        if (assignments.Any(a => !scenario.TitlesById.TryGetValue(a.TitleId, out var title) || !a.Dates.Keys.All(title.IsReleasedIn)))
        {
            return null;
        }

        // The plan is written and valued with each title in the format the assignments chose; the
        // verifier then checks that format against the scenario as written.
        var chosen = assignments.Where(a => a.Format is not null).ToDictionary(a => a.TitleId, a => a.Format!, StringComparer.Ordinal);
        if (assignments.Any(a => a.Format is { } f && !scenario.TitlesById[a.TitleId].Formats.Any(o => o.Id == f)))
        {
            return null;
        }

        var solver = ownPlan.Solver;
        var plan = PlanFactory.Create(
            new ValueModel(PlanFormats.Resolve(scenario, chosen)),
            ownPlan.Scenario,
            assignments,
            kpis =>
            {
                var (bound, gap, status) = ReleasePlanner.Proof(kpis.Objective, solver.Bound);
                return solver with { Status = status.ToPlanStatus(), Objective = kpis.Objective, Bound = bound, Gap = gap };
            },
            ownPlan.GeneratedAt);
        if (plan.Kpis.Objective < atLeast)
        {
            return null;
        }

        var verification = new PlanVerifier(values).Verify(plan);
        if (!verification.IsValid)
        {
            return null;
        }

        var status = ReleasePlanner.Proof(plan.Kpis.Objective, solver.Bound).Status;
        return new PlanningOutcome(status, plan with { Diagnostics = ownPlan.Diagnostics }, verification, own.Reasons, own.Statistics);
    }
}
