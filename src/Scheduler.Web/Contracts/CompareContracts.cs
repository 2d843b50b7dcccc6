using System.ComponentModel.DataAnnotations;
using Scheduler.Application.Cluster;
using Scheduler.Application.Runs;
using Scheduler.Reports.Json;
using Scheduler.Storage;

namespace Scheduler.Web.Contracts;

/// <summary>The body of <c>POST /api/compare</c>, as the document declares it.</summary>
/// <param name="ScenarioId">A stored scenario's id.</param>
/// <param name="Variants">The variants to compare with the base; null or absent for all of them.</param>
/// <param name="TimeLimitSeconds">Seconds each solve may search, up to an hour; null or absent for the scenario's own limit.</param>
public sealed record CompareRequest(
    long ScenarioId,
    IReadOnlyList<string>? Variants = null,
    [property: Range(0, Limits.MaxTimeLimitSeconds, MinimumIsExclusive = true)] double? TimeLimitSeconds = null);

/// <summary>A comparison queued on a cluster: its id, the base's run and each variant's run.</summary>
public sealed record ComparisonQueued(long Id, long? BaseRun, IReadOnlyList<QueuedVariant> Variants);

/// <summary>One variant of a queued comparison and the run that plans it: null when the variant does not load, the base's run when the variant asks the planner what the base does.</summary>
public sealed record QueuedVariant(string Id, long? Run);

/// <summary>A queued comparison followed: each run's state and progress, and the comparison once every run has ended.</summary>
public sealed record ComparisonFollowed(long Id, long ScenarioId, string? RequestedBy, ComparisonState State, IReadOnlyList<FollowedRun> Runs, ComparisonDocument? Comparison);

/// <summary>One run of a queued comparison (variant null: the base).</summary>
public sealed record FollowedRun(long Id, string? Variant, RunState State, string? Node, long Attempt, RunProgress? Progress);
