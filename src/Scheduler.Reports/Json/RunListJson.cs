using NodaTime.Text;
using Scheduler.Storage;

namespace Scheduler.Reports.Json;

/// <summary>Stored runs as <c>runs --json</c> prints them, newest first.</summary>
public static class RunListJson
{
    public static IEnumerable<object> Of(IEnumerable<RunSummary> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Select(r => new
        {
            id = r.Id,
            scenario = r.Scenario,
            variant = r.Variant,
            trigger = r.Trigger,
            state = r.State,
            status = r.Status,
            objective = r.Objective,
            gap = r.Gap,
            createdAt = InstantPattern.General.Format(r.CreatedAt),
            startedAt = r.StartedAt is { } started ? InstantPattern.General.Format(started) : null,
            finishedAt = r.FinishedAt is { } finished ? InstantPattern.General.Format(finished) : null,
            adopted = r.Adopted,
            requestedBy = r.RequestedBy,
            hasPlan = r.HasPlan,
        });
    }
}
