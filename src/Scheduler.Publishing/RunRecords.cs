using NodaTime;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Publishing;

/// <summary>The stored record of any planning run (a plan, a comparison, a replan), whatever its outcome.</summary>
public static class RunRecords
{
    /// <summary>
    /// The run as stored: its plan only when the verifier passed it; otherwise the violations, or
    /// the reasons there is no plan, as its messages.
    /// </summary>
    public static NewRun For(
        PlanningOutcome outcome,
        ScenarioDocument document,
        string scenarioName,
        string? variant,
        string trigger,
        Instant startedAt,
        Instant finishedAt,
        IEnumerable<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(document);
        var plan = outcome.Plan;
        var verified = plan is not null && outcome.Verification is { IsValid: true };
        return new NewRun
        {
            ScenarioContent = document.Content,
            ScenarioName = scenarioName,
            ScenarioSha256 = document.Sha256,
            Variant = variant,
            Trigger = trigger,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Engine = plan?.Solver.Engine ?? "",
            Status = plan?.Solver.Status ?? outcome.Status.ToPlanStatus(),
            Objective = plan?.Solver.Objective,
            Bound = plan?.Solver.Bound,
            Gap = plan?.Solver.Gap,
            Seconds = plan?.Solver.Seconds ?? (finishedAt - startedAt).TotalSeconds,
            Verified = verified,
            Messages = verified
                ? [.. outcome.Reasons, .. notes ?? []]
                : [.. outcome.Verification?.Violations ?? [], .. outcome.Reasons],
            Plan = verified ? plan : null,
            PlanJson = verified ? PlanJson.Write(plan!) : null,
        };
    }
}
