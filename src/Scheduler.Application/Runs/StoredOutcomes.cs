using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Runs;

/// <summary>
/// A stored run's outcome as planning gave it, so that a run solved by another node is reported
/// as one solved here. Its plan is verified again against the scenario (the verifier is the last
/// word before a plan is written, wherever it was made).
/// </summary>
public static class StoredOutcomes
{
    /// <summary>The statistics of a run that kept none: nothing built, nothing timed.</summary>
    public static PlanningStatistics Unknown { get; } = new(0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, null);

    /// <param name="run">An ended run (done, failed or cancelled).</param>
    /// <param name="scenario">The scenario (or variant) the run planned.</param>
    public static PlanningOutcome Of(StoredRun run, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(scenario);
        var statistics = RunProgress.Read(run.Progress)?.Statistics?.ToStatistics() ?? Unknown;
        if (run.State == RunState.Done && run.PlanJson is { } json)
        {
            var plan = PlanJson.Read(json);
            var status = plan.Solver.Status switch
            {
                PlanStatuses.Optimal => PlanningStatus.Optimal,
                PlanStatuses.Heuristic => PlanningStatus.Heuristic,
                PlanStatuses.Partial => PlanningStatus.Partial,
                _ => PlanningStatus.Feasible,
            };
            return new PlanningOutcome(status, plan, new PlanVerifier(new ValueModel(scenario)).Verify(plan), run.Messages, statistics);
        }

        var without = run.State == RunState.Done && run.Status == PlanStatuses.Infeasible ? PlanningStatus.Infeasible : PlanningStatus.NoSolution;
        return new PlanningOutcome(without, null, null, run.Messages, statistics);
    }
}
