using NodaTime;
using Scheduler.Application.Planning;
using Scheduler.Application.Runs;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Comparing;

/// <summary>
/// A comparison solved in this process: the base, then every variant in parallel leaning toward the
/// base plan (<see cref="WhatIfComparer"/>), each stored as a run once all have ended.
/// </summary>
public static class LocalComparisons
{
    /// <param name="planner">The planner of every solve.</param>
    /// <param name="time">The clock of the runs' times.</param>
    /// <param name="database">Where the runs are stored; null stores nothing.</param>
    /// <param name="job">What to compare.</param>
    /// <param name="settleTime">How long stopped solves are waited for (<see cref="SolverThread"/>); null until they have stopped.</param>
    /// <param name="cancellationToken">Stops every solve; nothing is stored then.</param>
    public static async Task<ComparisonResult> CompareAsync(
        ReleasePlanner planner, TimeProvider time, SchedulerDatabase? database, ComparisonJob job, TimeSpan? settleTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(job);
        var startedAt = Instant.FromDateTimeOffset(time.GetUtcNow());
        var threads = SolverThreads.Sharing(job.Parallelism);
        var baseJob = job.PlanJobOf(job.Base);
        var variants = job.Variants
            .Select(v => new VariantJob(v.Id, v.Input is { } input ? job.PlanJobOf(input).Request(threads) : null, v.Errors)
            {
                SameAsBase = job.TakesBaseOutcome(v),
            })
            .ToList();
        var comparer = new WhatIfComparer(planner);
        var comparison = await SolverThread.RunAsync(
            (_, stop) => comparer.Compare(baseJob.Request(threads), variants, job.Parallelism, job.Anchored, stop),
            baseJob.TimeLimit,
            null,
            time,
            cancellationToken,
            settleTime).ConfigureAwait(false);
        var result = new ComparisonResult(comparison, job);
        if (result.Refused || database is null)
        {
            return result;
        }

        var finishedAt = Instant.FromDateTimeOffset(time.GetUtcNow());
        var baseRun = await database.Runs.StoreAsync(RunRecords.For(comparison.Base, job.Base, RunTrigger.Compare, startedAt, finishedAt), cancellationToken).ConfigureAwait(false);
        var variantRuns = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (variant, input) in comparison.Variants.Zip(job.Variants.Select(v => v.Input)))
        {
            if (variant.Outcome is { } outcome && input is not null)
            {
                variantRuns[variant.Id] = await database.Runs.StoreAsync(RunRecords.For(outcome, input, RunTrigger.Compare, startedAt, finishedAt), cancellationToken).ConfigureAwait(false);
            }
        }

        return result with { Runs = new ComparisonRuns(baseRun, variantRuns) };
    }
}
