using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;

namespace Scheduler.Application.Comparing;

/// <summary>A comparison as it ended: the base's outcome and each variant's, with the job that asked for it.</summary>
public sealed record ComparisonResult(Comparison Comparison, ComparisonJob Job)
{
    /// <summary>The stored runs the comparison was drawn from; null when nothing was stored.</summary>
    public ComparisonRuns? Runs { get; init; }

    /// <summary>True when the base was refused as too large to plan; then no variant was planned and nothing stored.</summary>
    public bool Refused => Comparison.Base.Status == PlanningStatus.TooLarge;

    /// <summary>The variants that have a verified plan and a difference from the base, with their scenarios: what a report draws.</summary>
    public IReadOnlyList<(string Id, Scenario Scenario, Plan Plan, PlanDiff Diff)> Drawable
        => [.. Comparison.Variants.Zip(Job.Variants)
            .Where(p => p.First.Outcome?.Plan is not null && p.First.Diff is not null && p.Second.Input is not null)
            .Select(p => (p.First.Id, p.Second.Input!.Scenario, p.First.Outcome!.Plan!, p.First.Diff!))];
}

/// <summary>
/// The stored runs of a comparison, so that a client reads them rather than guessing them from the
/// runs list: the base's, and each planned variant's by id (none for a variant that does not load,
/// the base's own on the cluster for a variant that asks the planner what the base does).
/// </summary>
public sealed record ComparisonRuns(long Base, IReadOnlyDictionary<string, long> Variants)
{
    /// <summary>The run of variant <paramref name="id"/>, or null when it has none.</summary>
    public long? Of(string id) => Variants.TryGetValue(id, out var run) ? run : null;
}
