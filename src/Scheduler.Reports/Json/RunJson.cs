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
    PlanDocument? Plan);

/// <summary>Stored runs as the API gives them.</summary>
public static class RunJson
{
    public static RunDocument Of(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
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
            run.PlanJson is { } plan ? PlanJson.ReadDocument(plan) : null);
    }
}
