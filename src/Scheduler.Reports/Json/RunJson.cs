using Scheduler.Application.Runs;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Reports.Json;

/// <summary>One stored run as the API gives it: what was planned, where the run stands, its progress and messages, and when done its plan (the plan format).</summary>
public sealed record RunDocument(
    long Id,
    long ScenarioId,
    string Scenario,
    string? Variant,
    RunTrigger Trigger,
    string? RequestedBy,
    RunState State,
    string Status,
    string? Node,
    long Attempt,
    RunProgress? Progress,
    IReadOnlyList<string> Messages,
    RunProvenance? Provenance,
    PlanDocument? Plan)
{
    /// <summary>The run whose alternative this run is (its plan compared against that run's); null for most runs.</summary>
    public long? AlternativeOf { get; init; }

    /// <summary>The runs stored as alternatives to this run's plan, in the order they were found; empty for none.</summary>
    public IReadOnlyList<long> Alternatives { get; init; } = [];

    /// <summary>For a re-plan with pins: the run whose plan it started from, its moves charged; null for most runs.</summary>
    public long? ReplanOf { get; init; }

    /// <summary>For a re-plan: the releases it pinned, as moves; empty for other runs.</summary>
    public IReadOnlyList<StoredPin> Pins { get; init; } = [];
}

/// <summary>Stored runs as the API gives them.</summary>
public static class RunJson
{
    public static RunDocument Of(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = SolveSettings.Parse(run.Settings);
        return new RunDocument(
            run.Id,
            run.ScenarioId,
            run.ScenarioName,
            run.Variant,
            run.Trigger,
            run.RequestedBy,
            run.State,
            run.Status,
            run.Node,
            run.Attempt,
            RunProgress.Read(run.Progress),
            run.Messages,
            RunProvenance.Parse(run.Provenance),
            run.PlanJson is { } plan ? PlanJson.ReadDocument(plan) : null)
        {
            AlternativeOf = run.AlternativeOf,
            Alternatives = run.Alternatives,
            ReplanOf = settings.ReplanOf,
            Pins = settings.Pins ?? [],
        };
    }
}
