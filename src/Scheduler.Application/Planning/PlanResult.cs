using System.Collections.Immutable;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Planning;

/// <summary>
/// How a plan job ended: its outcome (a refusal as too large is one, <see cref="PlanningStatus.TooLarge"/>)
/// and the run it was stored as; or, for a run solved on the cluster that ended without an outcome,
/// how it ended and why.
/// </summary>
public sealed record PlanResult(PlanningOutcome? Outcome, long? RunId)
{
    /// <summary>Failed or cancelled, when the run ended without an outcome; null otherwise.</summary>
    public RunState? EndedWithout { get; init; }

    /// <summary>Why it ended without an outcome.</summary>
    public ImmutableArray<string> Messages { get; init; } = [];

    /// <summary>The alternatives to the plan, when the job asked for them (<see cref="Runs.SolveSettings.Alternatives"/>), each stored as a run naming <see cref="RunId"/> and the plan was verified.</summary>
    public AlternativesOutcome? Alternatives { get; init; }
}
