using System.ComponentModel.DataAnnotations;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Web.Contracts;

/// <summary>
/// The body of <c>POST /api/runs</c>. Read field by field (so that each wrong or unknown field is
/// named); this record is what the document declares.
/// </summary>
/// <param name="ScenarioId">A stored scenario's id (<c>POST /api/scenarios</c> gives it).</param>
/// <param name="Variant">One of its variants' ids; null or absent for the base scenario.</param>
/// <param name="TimeLimitSeconds">Seconds the solver may search, up to an hour; null or absent for the scenario's own limit.</param>
/// <param name="Seed">Makes the run repeatable: solved with one thread, seeded, its limit counted in work rather than wall time; null or absent for none.</param>
/// <param name="Alternatives">Near-equal plans to look for once the plan is found, each stored as a run naming this one; a whole number K is <c>{"count": K}</c>; null or absent for none.</param>
/// <param name="BestEffort">When the slate cannot be planned whole, plan the most valuable part of it (status <c>partial</c>, the titles left out listed in the plan's <c>leftOut</c>); null or absent for the scenario's <c>solver.bestEffort</c>.</param>
public sealed record RunRequest(
    long ScenarioId,
    string? Variant = null,
    [property: Range(0, Limits.MaxTimeLimitSeconds, MinimumIsExclusive = true)] double? TimeLimitSeconds = null,
    [property: Range(0, int.MaxValue)] int? Seed = null,
    RunAlternativesRequest? Alternatives = null,
    bool? BestEffort = null);

/// <summary>What alternatives to look for beside a run's plan, as <c>plan --alternatives</c> takes them (docs/plan-format.md, "Alternatives").</summary>
/// <param name="Count">How many, at most.</param>
/// <param name="Within">How far below the best plan's objective each may be, as a fraction of it; 0.005 (0.5%) when absent.</param>
/// <param name="MinDifference">In how many titles (date or mode) each differs from the best plan and from the others; 3 when absent.</param>
public sealed record RunAlternativesRequest(
    [property: Range(1, Solver.Planning.AlternativeOptions.MaxCount)] int Count,
    [property: Range(0.0, 1.0)] double? Within = null,
    [property: Range(1, int.MaxValue)] int? MinDifference = null);

/// <summary>A plan queued: the run to follow at <c>/api/runs/{id}</c>.</summary>
public sealed record RunQueued(long Id);

/// <summary>A queued or running plan cancelled.</summary>
public sealed record RunCancelled(long Id, RunState State);

/// <summary>A running plan told to finish now with its best plan: still running until the node solving it stores that plan.</summary>
public sealed record RunStopping(long Id, RunState State);

/// <summary>A run adopted as the plan of record, and what the adoption did.</summary>
public sealed record RunAdopted(long Id, bool Adopted, string Message);

/// <summary>The plan of record: the adopted run, its scenario and variant, and its plan.</summary>
public sealed record PlanOfRecordDocument(long RunId, string Scenario, string? Variant, PlanDocument Plan);

/// <summary>The bounds the API keeps on what it is asked for.</summary>
public static class Limits
{
    /// <summary>The longest solve the API queues: an hour; longer ones belong to a planner's shell.</summary>
    public const double MaxTimeLimitSeconds = 3600;
}
