using System.Globalization;
using NodaTime;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Planning;

/// <summary>
/// Alternatives to a plan (<see cref="SolveSettings.Alternatives"/>), looked for once the plan is
/// verified and stored as runs of their own that name it: the same for a plan made in this process
/// and one solved by a node.
/// </summary>
public static class AlternativeRuns
{
    /// <summary>
    /// Looks for the alternatives <paramref name="job"/> asks for beside <paramref name="outcome"/>'s
    /// plan, on a solver thread, with the same time limit as the plan; null when none were asked for
    /// or there is no verified plan.
    /// </summary>
    /// <exception cref="OperationCanceledException">The search was cancelled.</exception>
    public static async Task<AlternativesOutcome?> FindAsync(
        ReleasePlanner planner, PlanJob job, PlanRequest request, PlanningOutcome outcome, SolveWatch? watch, TimeProvider time, CancellationToken cancellationToken, TimeSpan? settleTime = null)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(outcome);
        if (job.Settings.Alternatives is not { } options || outcome.VerifiedPlan is not { } best || job.Engine != PlanEngine.CpSat)
        {
            return null;
        }

        return await SolverThread.RunAsync((progress, stop) => planner.Alternatives(request, best, options, progress, stop), request.TimeLimit, watch, time, cancellationToken, settleTime).ConfigureAwait(false);
    }

    /// <summary>The plan's run as stored: with a note of why fewer alternatives were found than asked for.</summary>
    public static NewRun Record(PlanningOutcome outcome, AlternativesOutcome? found, ScenarioInput input, RunTrigger trigger, Instant startedAt, Instant finishedAt)
        => RunRecords.For(outcome, input, trigger, startedAt, finishedAt, found is { Shortfall: { } shortfall } ? [Shortfall(found.Alternatives.Count, shortfall)] : null);

    /// <summary>Each alternative as a done run of the same scenario, verified as every plan is.</summary>
    public static IReadOnlyList<NewRun> Records(AlternativesOutcome? found, ScenarioInput input, RunTrigger trigger, Instant startedAt, Instant finishedAt)
        => found is null ? [] : [.. found.Alternatives.Select(a => RunRecords.For(a, input, trigger, startedAt, finishedAt))];

    /// <summary>"1 alternative found: " and why there are no more, as the plan's run and the command line say it.</summary>
    public static string Shortfall(int found, string why)
        => string.Create(CultureInfo.InvariantCulture, $"{found} {(found == 1 ? "alternative" : "alternatives")} found: {why}.");
}
