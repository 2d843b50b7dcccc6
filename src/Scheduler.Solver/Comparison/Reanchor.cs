using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Construction;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Comparison;

/// <summary>
/// A variant's plan drawn toward a base plan it was not solved against (the base took another
/// variant's better plan, <see cref="FairComparison"/>): each title goes to its base dates where
/// the variant's rules allow it and the plan loses nothing in all, so that the comparison shows the
/// variant's consequences rather than the difference between two bases.
/// </summary>
internal static class Reanchor
{
    /// <summary>The assignments of the drawn plan; null when nothing could move or the plan is not the variant's candidates'.</summary>
    public static List<Assignment>? Toward(Scenario scenario, Plan plan, Plan basePlan, CancellationToken cancellationToken = default)
    {
        var candidates = CandidateSet.Build(new ValueModel(scenario));
        var formats = candidates.Formats;
        var slate = new SlateState(candidates);
        foreach (var assignment in formats.ToExpanded(Assignment.FromPlan(plan), everyFormat: false))
        {
            if (!candidates.ById.TryGetValue(assignment.TitleId, out var title) || PlacementOptions.Of(candidates, title, assignment) is not { } placement)
            {
                return null;
            }

            slate.Place(title, placement);
        }

        // The titles keep their formats; only dates and modes go back to the base's.
        var before = slate.Assignments();
        ReferenceRevert.Run(candidates, slate, formats.ToExpanded(Assignment.FromPlan(basePlan)), 0, cancellationToken);
        var after = slate.Assignments();
        return after.SequenceEqual(before, AssignmentComparer.Instance) ? null : formats.ToOriginal(after);
    }

    private sealed class AssignmentComparer : IEqualityComparer<Assignment>
    {
        public static AssignmentComparer Instance { get; } = new();

        public bool Equals(Assignment? x, Assignment? y)
            => x is not null && y is not null && x.TitleId == y.TitleId && x.Mode == y.Mode && x.Dates.Count == y.Dates.Count
               && x.Dates.All(kv => y.Dates.TryGetValue(kv.Key, out var date) && date == kv.Value);

        public int GetHashCode(Assignment obj) => obj.TitleId.GetHashCode(StringComparison.Ordinal);
    }
}
