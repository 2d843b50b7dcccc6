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
public sealed record RunRequest(
    long ScenarioId,
    string? Variant = null,
    [property: Range(0, Limits.MaxTimeLimitSeconds, MinimumIsExclusive = true)] double? TimeLimitSeconds = null,
    [property: Range(0, int.MaxValue)] int? Seed = null);

/// <summary>A plan queued: the run to follow at <c>/api/runs/{id}</c>.</summary>
public sealed record RunQueued(long Id);

/// <summary>A queued or running plan cancelled.</summary>
public sealed record RunCancelled(long Id, RunState State);

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
