using Scheduler.Solver.Neighbourhoods;

namespace Scheduler.Solver.Planning;

/// <summary>What planning is doing, with the best plan's objective and the proven bound once they are known.</summary>
public sealed record PlanningProgress(string Phase, double? Incumbent, double? Bound)
{
    /// <summary>During large-neighbourhood search: neighbourhoods tried and those that improved the plan.</summary>
    public NeighbourhoodCounts? Neighbourhoods { get; init; }
}
