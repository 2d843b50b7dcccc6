using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Cli;

/// <summary>Stores a planning run (whatever its outcome) and, when asked and allowed, adopts it.</summary>
internal static class RunRecorder
{
    public static long Store(
        SchedulerDatabase database,
        ScenarioInput input,
        string trigger,
        Instant startedAt,
        Instant finishedAt,
        PlanningOutcome outcome,
        string? planJson)
    {
        var plan = outcome.Plan;
        var verified = plan is not null && outcome.Verification is { IsValid: true };
        return database.StoreRun(new NewRun
        {
            ScenarioContent = input.Document.Content,
            ScenarioName = input.Scenario.Name,
            ScenarioSha256 = input.Document.Sha256,
            Variant = input.VariantId,
            Trigger = trigger,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Engine = plan?.Solver.Engine ?? "",
            Status = plan?.Solver.Status ?? StatusText(outcome.Status),
            Objective = plan?.Solver.Objective,
            Bound = plan?.Solver.Bound,
            Gap = plan?.Solver.Gap,
            Seconds = plan?.Solver.Seconds ?? (finishedAt - startedAt).TotalSeconds,
            Verified = verified,
            Messages = outcome.Verification is { IsValid: false } failed ? failed.Violations : [.. outcome.Reasons],
            Plan = verified ? plan : null,
            PlanJson = verified ? planJson : null,
        });
    }

    private static string StatusText(PlanningStatus status) => status switch
    {
        PlanningStatus.Infeasible => PlanStatuses.Infeasible,
        PlanningStatus.NoSolution => PlanStatuses.NoSolution,
        PlanningStatus.Heuristic => PlanStatuses.Heuristic,
        PlanningStatus.Feasible => PlanStatuses.Feasible,
        _ => PlanStatuses.Optimal,
    };
}
