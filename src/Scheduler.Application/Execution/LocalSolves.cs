using NodaTime;
using Scheduler.Application.Comparing;
using Scheduler.Application.Planning;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Execution;

/// <summary>
/// Solves in this process: a plan on a thread of its own with its progress told to the watcher, a
/// comparison with its variants in parallel; each stored as a run once it has ended.
/// </summary>
public sealed class LocalSolves : ISolveExecutor
{
    private readonly ReleasePlanner _planner;
    private readonly TimeProvider _time;

    public LocalSolves(ReleasePlanner planner, TimeProvider time)
    {
        _planner = planner ?? throw new ArgumentNullException(nameof(planner));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// How long a solve stopped by its caller is waited for; null (the default) waits until it has
    /// stopped. A command gives it a moment only, so that it exits at once.
    /// </summary>
    public TimeSpan? SettleTime { get; init; }

    public async Task<PlanResult> PlanAsync(SchedulerDatabase? database, PlanJob job, SolveWatch? watch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var startedAt = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var request = job.Request(SolverThreads.Sharing(1));
        var outcome = await SolverThread.RunAsync((progress, stop) => _planner.Plan(request, progress, stop), request.TimeLimit, watch, _time, cancellationToken, SettleTime).ConfigureAwait(false);
        var alternatives = await AlternativeRuns.FindAsync(_planner, job, request, outcome, null, _time, cancellationToken, SettleTime).ConfigureAwait(false);
        if (outcome.Status == PlanningStatus.TooLarge || database is null)
        {
            // A refusal was made before anything was built: nothing is stored.
            return new PlanResult(outcome, null) { Alternatives = alternatives };
        }

        var finishedAt = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var record = AlternativeRuns.Record(outcome, alternatives, job.Input, job.Trigger, startedAt, finishedAt);
        var runId = await database.Runs.StoreWithAlternativesAsync(record, AlternativeRuns.Records(alternatives, job.Input, job.Trigger, startedAt, finishedAt), cancellationToken).ConfigureAwait(false);
        return new PlanResult(outcome, runId) { Alternatives = alternatives };
    }

    public async Task<ComparisonStart> StartComparisonAsync(SchedulerDatabase? database, ComparisonJob job, CancellationToken cancellationToken = default)
        => new(await LocalComparisons.CompareAsync(_planner, _time, database, job, SettleTime, cancellationToken).ConfigureAwait(false), null);

    /// <summary>Compares in this process; its solves report no progress while they run (the watcher hears nothing).</summary>
    public Task<ComparisonResult> CompareAsync(SchedulerDatabase? database, ComparisonJob job, SolveWatch? watch, CancellationToken cancellationToken = default)
        => LocalComparisons.CompareAsync(_planner, _time, database, job, SettleTime, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
