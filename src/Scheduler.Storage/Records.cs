using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Plans;

namespace Scheduler.Storage;

/// <summary>Why a run was made.</summary>
public enum RunTrigger
{
    /// <summary>A planner's command line: <c>plan</c>, <c>replan</c>.</summary>
    Cli,

    /// <summary>The nightly replan of <c>serve</c>.</summary>
    Nightly,

    /// <summary>A what-if comparison, from the command line or the HTTP API.</summary>
    Compare,

    /// <summary>Queued through the HTTP API, and run by it.</summary>
    Api,
}

/// <summary>
/// Where a run is: queued, running, then done (with an outcome, plan or not), failed or cancelled.
/// A run stored whole (<see cref="Stores.RunArchive.StoreAsync"/>) is done from the start; one queued
/// (<see cref="Stores.SolveQueueStore"/>) goes from queued (usually through running) to one of the last
/// three, and never back.
/// </summary>
public enum RunState
{
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>What can be said of a run's state without reading the run.</summary>
public static class RunStateFacts
{
    /// <summary>True for done, failed and cancelled: the run never changes again.</summary>
    public static bool HasEnded(this RunState state) => state is RunState.Done or RunState.Failed or RunState.Cancelled;
}

/// <summary>A run to store: the scenario it planned, how it went, and its plan when there is a verified one.</summary>
public sealed record NewRun
{
    public required ReadOnlyMemory<byte> ScenarioContent { get; init; }

    public required string ScenarioName { get; init; }

    public required string ScenarioSha256 { get; init; }

    public string? Variant { get; init; }

    public required RunTrigger Trigger { get; init; }

    public required Instant StartedAt { get; init; }

    public required Instant FinishedAt { get; init; }

    public required string Engine { get; init; }

    public required string Status { get; init; }

    public double? Objective { get; init; }

    public double? Bound { get; init; }

    public double? Gap { get; init; }

    public required double Seconds { get; init; }

    /// <summary>True when the plan passed the verifier; false for a plan that failed it or a run without a plan.</summary>
    public required bool Verified { get; init; }

    /// <summary>Verifier violations or infeasibility reasons.</summary>
    public ImmutableArray<string> Messages { get; init; } = [];

    /// <summary>The verified plan and its file text, exactly as written; null when there is none.</summary>
    public Plan? Plan { get; init; }

    public string? PlanJson { get; init; }

    /// <summary>What made the run (JSON: input fingerprint, engine and versions, seed, threads, limits); null when unknown.</summary>
    public string? Provenance { get; init; }

    /// <summary>A run that produced <paramref name="plan"/>, verified, named and timed by the plan itself.</summary>
    public static NewRun ForVerifiedPlan(Plan plan, ReadOnlyMemory<byte> scenarioContent, RunTrigger trigger, Instant startedAt, Instant finishedAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new NewRun
        {
            ScenarioContent = scenarioContent,
            ScenarioName = plan.Scenario.Name,
            ScenarioSha256 = plan.Scenario.Sha256,
            Variant = plan.Scenario.Variant,
            Trigger = trigger,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Engine = plan.Solver.Engine,
            Status = plan.Solver.Status,
            Objective = plan.Solver.Objective,
            Bound = plan.Solver.Bound,
            Gap = plan.Solver.Gap,
            Seconds = plan.Solver.Seconds,
            Verified = true,
            Plan = plan,
            PlanJson = Core.Plans.PlanJson.Write(plan),
        };
    }
}

/// <summary>
/// One run as listed: newest first. <paramref name="CreatedAt"/> is when it was queued or began
/// (here), and never changes; <see cref="StartedAt"/> and <see cref="FinishedAt"/> say the rest.
/// </summary>
public sealed record RunSummary(
    long Id,
    string Scenario,
    string? Variant,
    RunTrigger Trigger,
    string Engine,
    string Status,
    double? Objective,
    double? Gap,
    Instant CreatedAt,
    bool Verified,
    bool Adopted,
    RunState State,
    string? RequestedBy)
{
    /// <summary>When a node (or this process) began to solve it, its latest attempt's; null while it waits in the queue.</summary>
    public Instant? StartedAt { get; init; }

    /// <summary>When it ended; null until then.</summary>
    public Instant? FinishedAt { get; init; }

    /// <summary>The run whose alternative this run is (a near-equal plan found beside that run's); null for most runs.</summary>
    public long? AlternativeOf { get; init; }

    /// <summary>True when the run ended with a verified plan (the optimizer's or the greedy baseline's).</summary>
    public bool HasPlan => State == RunState.Done && Verified;
}

/// <summary>
/// One stored run with what is needed to show, export, verify or adopt it, and, while it runs,
/// the solver's latest <paramref name="Progress"/> (JSON).
/// </summary>
public sealed record StoredRun(
    long Id,
    long ScenarioId,
    string ScenarioName,
    string ScenarioSha256,
    string? Variant,
    RunTrigger Trigger,
    string Status,
    bool Verified,
    ImmutableArray<string> Messages,
    string? PlanJson,
    RunState State,
    string? RequestedBy,
    string? Progress)
{
    /// <summary>How many times a node took the run to solve it (0 while it waits); the latest attempt alone may store its outcome.</summary>
    public long Attempt { get; init; }

    /// <summary>The node of the latest attempt; null until a node takes it.</summary>
    public string? Node { get; init; }

    /// <summary>What the solve was asked for (JSON: time limit, gap, threads); null for the scenario's own settings.</summary>
    public string? Settings { get; init; }

    /// <summary>The comparison the run belongs to, if it was queued as part of one.</summary>
    public long? ComparisonId { get; init; }

    /// <summary>What made the run (JSON), once it ended; null before, and for runs stored before runs recorded it.</summary>
    public string? Provenance { get; init; }

    /// <summary>The run whose alternative this run is; null for most runs.</summary>
    public long? AlternativeOf { get; init; }

    /// <summary>The runs stored as alternatives to this run's plan, in the order they were found.</summary>
    public ImmutableArray<long> Alternatives { get; init; } = [];
}

/// <summary>
/// A run to queue: the stored scenario (and variant) to plan and why. <see cref="Progress"/> is what
/// it shows while it waits, <see cref="Settings"/> what the solve is asked for (JSON each).
/// </summary>
public sealed record QueuedRun(long ScenarioId, string? Variant, RunTrigger Trigger)
{
    /// <summary>Who asked, as the audit log names actors (<c>token:alice</c>, <c>cli:root@host</c>).</summary>
    public string? RequestedBy { get; init; }

    public string? Progress { get; init; }

    public string? Settings { get; init; }

    public long? ComparisonId { get; init; }
}

/// <summary>
/// One taking of a run by a node (<see cref="Stores.SolveQueueStore.TakeAsync"/>): progress and the outcome
/// are written under it, and refused once a later attempt has taken the run or the run has ended.
/// </summary>
public sealed record RunAttempt(long RunId, long Attempt);

/// <summary>
/// A what-if comparison queued as runs: the stored scenario, the variants asked for (empty for all
/// of the scenario's), whether the variants lean toward the base plan, and who asked.
/// </summary>
public sealed record StoredComparison(long Id, long ScenarioId, ImmutableArray<string> Variants, bool Anchored, string? RequestedBy, Instant CreatedAt);

/// <summary>One run of a comparison: its variant (null for the base) and its state.</summary>
public sealed record ComparisonRun(long RunId, string? Variant, RunState State);

/// <summary>A stored scenario version: its id, name, content hash, when it was first stored and by whom (null: stored beside a run, or before this was recorded).</summary>
public sealed record StoredScenario(long Id, string Name, string Sha256, Instant SubmittedAt, string? SubmittedBy);

/// <summary>What an entry of the audit log records.</summary>
public enum AuditAction
{
    /// <summary>A run made the plan of record by hand (<c>adopt</c>, <c>plan --adopt</c>, the API).</summary>
    Adopt,

    /// <summary>A replan adopted as the plan of record.</summary>
    Replan,

    /// <summary>An API token made.</summary>
    TokenAdd,

    /// <summary>An API token revoked.</summary>
    TokenRevoke,

    /// <summary>A word the audit table has allowed since its first schema; this version writes none.</summary>
    Publish,

    /// <summary>A scenario version saved (<c>submit</c>, the API, the page's slate editor).</summary>
    ScenarioSave,
}

/// <summary>An entry of the audit log.</summary>
public sealed record AuditEntry(long Id, Instant At, string Actor, AuditAction Action, long? RunId, string Details);
