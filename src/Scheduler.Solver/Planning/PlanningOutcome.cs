using Scheduler.Core.Plans;

namespace Scheduler.Solver.Planning;

/// <summary>How planning ended.</summary>
public enum PlanningStatus
{
    /// <summary>A plan proven optimal: within a relative gap of 1e-6 of a proven bound.</summary>
    Optimal,

    /// <summary>A plan with a proven bound and its gap to it (within the requested gap, or what the time limit allowed).</summary>
    Feasible,

    /// <summary>A plan from the greedy engine, with no bound.</summary>
    Heuristic,

    /// <summary>
    /// Best effort: the slate cannot be planned whole (or no whole plan was found), and the plan
    /// holds the most valuable part of it; the titles left out are listed with the rule that keeps
    /// each out (<see cref="Core.Plans.Plan.LeftOut"/>). No bound is claimed.
    /// </summary>
    Partial,

    /// <summary>No plan can keep every hard rule.</summary>
    Infeasible,

    /// <summary>No plan was found within the time limit.</summary>
    NoSolution,

    /// <summary>
    /// Invalid input: the scenario's candidates need more memory than <see cref="PlanRequest.MemoryLimit"/>
    /// (<see cref="CandidateEstimate"/>); nothing was built, and <see cref="PlanningOutcome.Reasons"/>
    /// holds the sentence that says so.
    /// </summary>
    TooLarge,
}

/// <summary>Sizes and timings of one planning run, for the solver line and benchmarks.</summary>
public sealed record PlanningStatistics(
    int Candidates,
    int Variables,
    int Constraints,
    long NonZeros,
    TimeSpan BuildTime,
    TimeSpan SolveTime,
    double? GreedyObjective);

/// <summary>The result of planning: a plan and its verification, or why there is none; <see cref="Reasons"/> also carries notes about a plan.</summary>
public sealed record PlanningOutcome(
    PlanningStatus Status,
    Plan? Plan,
    PlanVerification? Verification,
    IReadOnlyList<string> Reasons,
    PlanningStatistics Statistics)
{
    /// <summary>The plan when the verifier passed it; null otherwise. Only such a plan is written, stored, compared or published.</summary>
    public Plan? VerifiedPlan => Plan is not null && Verification is { IsValid: true } ? Plan : null;

    /// <summary>How the run was made: engine and versions, seed, threads and limits; what it takes to make it again.</summary>
    public PlanningProvenance? Provenance { get; init; }
}

/// <summary>
/// How a planning run was made: the engine (<c>cp-sat</c> or <c>greedy</c>), the OR-Tools and
/// Scheduler versions, the seed (null: the default seeds, limits on the wall clock), the threads,
/// the time limit and the relative gap. A seeded run with one thread is made again exactly by the
/// same input and these (<see cref="PlanRequest.Seed"/>).
/// </summary>
public sealed record PlanningProvenance(string Engine, string OrToolsVersion, string SchedulerVersion, int? Seed, int Threads, double TimeLimitSeconds, double RelativeGap)
{
    /// <summary>True when the run is made again exactly by the same input: seeded, one thread.</summary>
    public bool Repeatable => Seed is not null && Threads == 1;
}

/// <summary>The plan file's status word for each way planning can end.</summary>
public static class PlanningStatusExtensions
{
    public static string ToPlanStatus(this PlanningStatus status) => status switch
    {
        PlanningStatus.Optimal => PlanStatuses.Optimal,
        PlanningStatus.Feasible => PlanStatuses.Feasible,
        PlanningStatus.Heuristic => PlanStatuses.Heuristic,
        PlanningStatus.Partial => PlanStatuses.Partial,
        PlanningStatus.Infeasible => PlanStatuses.Infeasible,
        _ => PlanStatuses.NoSolution,
    };
}
