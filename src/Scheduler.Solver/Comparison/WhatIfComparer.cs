using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Core.Values;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Comparison;

/// <summary>One variant to compare: its planning request, or the errors that keep it from being planned.</summary>
public sealed record VariantJob(string Id, PlanRequest? Request, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>The variant asks the planner exactly what the base does (the same <c>ModelFingerprint</c>): it takes the base's outcome, unsolved.</summary>
    public bool SameAsBase { get; init; }
}

/// <summary>How one variant came out: its planning outcome and its differences from the base, or its errors.</summary>
public sealed record VariantComparison(string Id, PlanningOutcome? Outcome, PlanDiff? Diff, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>True when the variant's model is the base's, so that its outcome is the base's, not a search of its own.</summary>
    public bool SameAsBase { get; init; }

    /// <summary>True when the variant's own search found a worse plan than the base's, which keeps the variant's rules, so it took the base plan (<see cref="FairComparison"/>).</summary>
    public bool ImprovedByBase { get; init; }

    /// <summary>
    /// A variant that asks the planner what the base does: the base's outcome (its plan named for the
    /// variant, its objective, bound and statistics), unsolved, moving nothing. Identical means
    /// identical: another search of the same model could only differ by luck.
    /// </summary>
    public static VariantComparison SameAs(string id, PlanningOutcome baseOutcome)
    {
        ArgumentNullException.ThrowIfNull(baseOutcome);
        var same = baseOutcome.Plan is { } plan ? baseOutcome with { Plan = plan with { Scenario = plan.Scenario with { Variant = id } } } : baseOutcome;
        var unchanged = baseOutcome.VerifiedPlan is { } basePlan && same.VerifiedPlan is { } samePlan ? PlanDiff.Between(basePlan, samePlan) : null;
        return new VariantComparison(id, same, unchanged, []) { SameAsBase = true };
    }

    /// <summary>A variant solved on its own: its outcome and, when both have a plan, its moves from the base, each with its cause under <paramref name="scenario"/>'s rules.</summary>
    public static VariantComparison Solved(string id, PlanningOutcome baseOutcome, PlanningOutcome outcome, Core.Domain.Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(baseOutcome);
        ArgumentNullException.ThrowIfNull(outcome);
        // Moves are judged with each title in the format the variant's plan chose.
        var diff = baseOutcome.Plan is { } basePlan && outcome.VerifiedPlan is { } plan ? MoveAttribution.Diff(basePlan, plan, new ValueModel(PlanFormats.Resolve(scenario, plan))) : null;
        return new VariantComparison(id, outcome, diff, []);
    }
}

/// <summary>The base's outcome and each variant's.</summary>
public sealed record Comparison(PlanningOutcome Base, IReadOnlyList<VariantComparison> Variants)
{
    /// <summary>The variant whose plan, better under the base's rules, the base took before the comparison was drawn (<see cref="FairComparison"/>); null when none.</summary>
    public string? BaseImprovedBy { get; init; }
}

/// <summary>
/// Plans a base scenario, then each variant in parallel (one CP-SAT solver each, in this process,
/// with the threads divided between them), every variant starting from and leaning toward the base
/// plan so that its differences are consequences of the variant, not solver noise. A variant that is invalid,
/// too large (<see cref="PlanningStatus.TooLarge"/>, reported as invalid) or cannot be planned reports its
/// own problem; the others still complete. A base that is too large is planned alone: no variant is.
/// </summary>
public sealed class WhatIfComparer
{
    private readonly ReleasePlanner _planner;

    public WhatIfComparer(ReleasePlanner planner)
    {
        _planner = planner ?? throw new ArgumentNullException(nameof(planner));
    }

    /// <param name="baseRequest">The base scenario's request.</param>
    /// <param name="variants">The variants, each planned against the base.</param>
    /// <param name="parallelism">How many variants to plan at once.</param>
    /// <param name="anchored">Start each variant from the base plan and prefer its dates on ties (the default); false plans each variant on its own.</param>
    /// <param name="cancellationToken">Stops every solve.</param>
    public Comparison Compare(PlanRequest baseRequest, IReadOnlyList<VariantJob> variants, int parallelism, bool anchored = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseRequest);
        ArgumentNullException.ThrowIfNull(variants);
        var baseOutcome = _planner.Plan(baseRequest, cancellationToken);
        if (baseOutcome.Status == PlanningStatus.TooLarge)
        {
            return new Comparison(baseOutcome, []);
        }

        var reference = anchored && baseOutcome.VerifiedPlan is { } basePlan ? Assignment.FromPlan(basePlan) : null;
        var results = new VariantComparison[variants.Count];
        Parallel.For(
            0,
            variants.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            i => results[i] = CompareOne(variants[i], baseOutcome, reference, cancellationToken));
        var comparison = new Comparison(baseOutcome, results);
        if (!anchored)
        {
            return comparison;
        }

        var scenarios = variants.Where(v => v.Request is not null).ToDictionary(v => v.Id, v => v.Request!.Scenario, StringComparer.Ordinal);
        return FairComparison.Balance(comparison, baseRequest.Scenario, scenarios);
    }

    private VariantComparison CompareOne(VariantJob job, PlanningOutcome baseOutcome, IReadOnlyList<Assignment>? reference, CancellationToken cancellationToken)
    {
        if (job.Request is null)
        {
            return new VariantComparison(job.Id, null, null, job.Errors);
        }

        if (job.SameAsBase)
        {
            return VariantComparison.SameAs(job.Id, baseOutcome);
        }

        var outcome = _planner.Plan(job.Request with { Reference = reference }, cancellationToken);
        if (outcome.Status == PlanningStatus.TooLarge)
        {
            return new VariantComparison(job.Id, null, null, [.. outcome.Reasons.Select(r => new ScenarioError(JsonPath.Root, r))]);
        }

        return VariantComparison.Solved(job.Id, baseOutcome, outcome, job.Request.Scenario);
    }
}
