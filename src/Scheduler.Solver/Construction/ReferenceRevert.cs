using Scheduler.Core.Plans;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Construction;

/// <summary>
/// Puts titles back where a reference plan has them (the base of a what-if, the plan of record of a
/// replan), wherever the slate as it stands allows it, cheapest first, while all that is given up
/// stays within a tolerance of the objective. The lexicographic second phase for searches too large
/// for a whole model, and a last pass after it for those that are not (docs/compare.md, "Stable differences").
/// </summary>
internal static class ReferenceRevert
{
    /// <summary>Changes <paramref name="slate"/> in place; returns how much of the objective was given up (negative when reverting gained).</summary>
    /// <param name="candidates">The titles and their candidates.</param>
    /// <param name="slate">A complete plan.</param>
    /// <param name="reference">The plan to stay close to.</param>
    /// <param name="tolerance">How much of the objective may be given up in all.</param>
    /// <param name="cancellationToken">Stops between titles.</param>
    public static double Run(CandidateSet candidates, SlateState slate, IReadOnlyList<Assignment> reference, double tolerance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(slate);
        ArgumentNullException.ThrowIfNull(reference);
        var targets = Targets(candidates, slate, reference);
        var spent = 0.0;
        bool changed;
        do
        {
            changed = false;

            // Each title's cost of going back, on the slate as it stands, then the cheapest first:
            // one title going back can make room for another, so the round repeats until none can.
            var costs = new List<(TitleCandidates Title, Placement Target, double Loss)>();
            foreach (var (title, target) in targets)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Same(slate[title.Index], target) && Loss(slate, title, target) is { } loss && spent + loss <= tolerance)
                {
                    costs.Add((title, target, loss));
                }
            }

            foreach (var (title, target, _) in costs.OrderBy(c => c.Loss).ThenBy(c => c.Title.Index))
            {
                if (Loss(slate, title, target) is { } loss && spent + loss <= tolerance)
                {
                    Move(slate, title, target);
                    spent += loss;
                    changed = true;
                }
            }
        }
        while (changed);
        return spent;
    }

    /// <summary>The reference placement of every title the slate places and the reference has, where it is a candidate still.</summary>
    private static List<(TitleCandidates Title, Placement Target)> Targets(CandidateSet candidates, SlateState slate, IReadOnlyList<Assignment> reference)
    {
        var targets = new List<(TitleCandidates, Placement)>();
        foreach (var assignment in reference)
        {
            if (candidates.ById.TryGetValue(assignment.TitleId, out var title) && slate[title.Index] is not null
                && PlacementOptions.Of(candidates, title, assignment) is { } target)
            {
                targets.Add((title, target));
            }
        }

        return targets;
    }

    /// <summary>What moving <paramref name="title"/> to <paramref name="target"/> would give up, or null when the slate does not allow it; the slate is left as it was.</summary>
    private static double? Loss(SlateState slate, TitleCandidates title, Placement target)
    {
        var before = slate.Objective;
        var current = slate.Remove(title);
        double? loss = null;
        if (PlacementOptions.Fits(slate, title.Title, target)
            && slate.ShortfallAround(title.Title, current, target, placed: target) <= slate.ShortfallAround(title.Title, current, target, placed: current))
        {
            slate.Place(title, target);
            loss = before - slate.Objective;
            slate.Remove(title);
        }

        slate.Place(title, current);
        return loss;
    }

    private static void Move(SlateState slate, TitleCandidates title, Placement target)
    {
        slate.Remove(title);
        slate.Place(title, target);
    }

    private static bool Same(Placement? placement, Placement target)
        => placement is not null && placement.Mode == target.Mode && placement.Days.Count == target.Days.Count
           && placement.Days.All(kv => target.Days.TryGetValue(kv.Key, out var day) && day == kv.Value);
}
