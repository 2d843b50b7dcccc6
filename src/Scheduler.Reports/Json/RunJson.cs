using System.Text.Json;
using Scheduler.Application.Runs;
using Scheduler.Storage;

namespace Scheduler.Reports.Json;

/// <summary>One stored run as the API gives it: what was planned, where the run stands, its progress and messages, and when done its plan.</summary>
public static class RunJson
{
    public static object Of(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new
        {
            id = run.Id,
            scenarioId = run.ScenarioId,
            scenario = run.ScenarioName,
            variant = run.Variant,
            trigger = run.Trigger,
            requestedBy = run.RequestedBy,
            state = run.State,
            status = run.Status,
            node = run.Node,
            attempt = run.Attempt,
            progress = RunProgress.Parse(run.Progress),
            messages = run.Messages,
            plan = run.PlanJson is { } plan ? JsonSerializer.Deserialize<JsonElement>(plan) : (JsonElement?)null,
        };
    }
}
