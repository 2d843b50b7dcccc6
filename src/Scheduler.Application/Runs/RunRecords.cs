using NodaTime;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Runs;

/// <summary>The stored record of any planning run (a plan, a comparison, a replan), whatever its outcome.</summary>
public static class RunRecords
{
    /// <summary>
    /// The run as stored: its plan only when the verifier passed it; otherwise the violations, or
    /// the reasons there is no plan, as its messages.
    /// </summary>
    public static NewRun For(
        PlanningOutcome outcome,
        ScenarioInput input,
        RunTrigger trigger,
        Instant startedAt,
        Instant finishedAt,
        IEnumerable<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(input);
        var document = input.Document;
        var plan = outcome.Plan;
        var verified = outcome.VerifiedPlan is not null;
        return new NewRun
        {
            ScenarioContent = document.Content,
            ScenarioName = input.Scenario.Name,
            ScenarioSha256 = document.Sha256,
            Variant = input.VariantId,
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
                : [.. outcome.Verification?.Sentences ?? [], .. outcome.Reasons],
            Plan = verified ? plan : null,
            PlanJson = verified ? PlanJson.Write(plan!) : null,
            Provenance = outcome.Provenance is { } made ? RunProvenance.Of(input, made).ToJson() : null,
        };
    }
}
