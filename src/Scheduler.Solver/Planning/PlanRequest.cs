using Scheduler.Core.Domain;
using Scheduler.Core.Plans;

namespace Scheduler.Solver.Planning;

/// <summary>Which engine plans: the optimizer (CP-SAT, with a proven bound), or the greedy baseline alone.</summary>
public enum PlanEngine
{
    CpSat,
    Greedy,
}

/// <summary>One planning job.</summary>
public sealed record PlanRequest(
    Scenario Scenario,
    PlanScenario Info,
    PlanEngine Engine,
    TimeSpan TimeLimit,
    double RelativeGap,
    int Threads)
{
    /// <summary>Let the solver print its own progress log to standard output.</summary>
    public bool SolverLog { get; init; }

    /// <summary>
    /// A plan to stay close to (the base of a what-if comparison): its dates are kept where they
    /// still keep every rule, and preferred among equally good plans, so that differences show
    /// consequences rather than solver noise.
    /// </summary>
    public IReadOnlyList<Assignment>? Reference { get; init; }

    /// <summary>
    /// For a replan: the plan of record, whose moves are charged. Each release kept on its date and
    /// mode then earns exactly the move cost it avoids (instead of the tie-breaking bonus).
    /// </summary>
    public ReplanContext? Replan { get; init; }

    /// <summary>
    /// The memory planning may use, in bytes: when the scenario's candidates (<see cref="CandidateEstimate.Count"/>)
    /// need more (<see cref="CandidateEstimate.BytesNeeded"/>), planning ends at once with <see cref="PlanningStatus.TooLarge"/>. <see cref="CandidateEstimate.DefaultMemoryLimit"/> but in tests.
    /// </summary>
    public long MemoryLimit { get; init; } = CandidateEstimate.DefaultMemoryLimit;

    /// <summary>
    /// A seed makes the run repeatable: every search is seeded with it and every limit is counted in
    /// work (CP-SAT's deterministic time, calibrated to <see cref="TimeLimit"/>) rather than on the
    /// wall clock, so that with one thread the same request gives the same releases, objective and
    /// bound, also when the limit ends the search. Null: the fixed default seeds and wall-clock limits.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>
    /// A planner's "finish now": when it fires, the run ends as if its time limit had come, with the
    /// best plan found so far, finished and verified (feasible unless proven optimal), or with none
    /// when none was found yet. The cancellation token, by contrast, ends it without a plan.
    /// </summary>
    public CancellationToken FinishNow { get; init; }

    /// <summary>
    /// When the slate cannot be planned whole, plan the most valuable part of it, the titles of the
    /// highest priority first (<see cref="PlanningStatus.Partial"/>; docs/explanations.md, "Best effort").
    /// </summary>
    public bool BestEffort { get; init; }
}
