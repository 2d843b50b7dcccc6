namespace Scheduler.Solver.Planning;

// What a bound proves: the one rule for every plan written down, found or exchanged.
public sealed partial class ReleasePlanner
{
    /// <summary>
    /// What a bound proves of a plan's objective: the bound (never below the objective), the gap to
    /// it and the status, optimal only within <see cref="ProvenGap"/>; heuristic without a bound.
    /// </summary>
    internal static (double? Bound, double? Gap, PlanningStatus Status) Proof(double objective, double? bound)
    {
        var proven = bound is { } b ? Math.Max(b, objective) : (double?)null;
        var gap = proven is { } pb ? Gap(pb, objective) : (double?)null;
        return (proven, gap, StatusOf(gap));
    }

    private static PlanningStatus StatusOf(double? gap)
        => gap is null ? PlanningStatus.Heuristic : gap <= ProvenGap ? PlanningStatus.Optimal : PlanningStatus.Feasible;

    private static double Gap(double bound, double objective) => (bound - objective) / Math.Max(1, Math.Abs(objective));
}
