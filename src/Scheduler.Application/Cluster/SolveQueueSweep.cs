using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Publishing.Resilience;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

/// <summary>
/// On a cluster, every node looks for queued runs without a solve job, when it starts and then
/// every minute, and queues their jobs: runs queued before this version, runs whose job was lost
/// when the database failed under a node, runs whose queuing was cut off. A running run whose job
/// is gone (its node ended without handing it back) is queued again. A variant waiting for its
/// comparison's base is left to the base.
/// </summary>
public sealed class SolveQueueSweep : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly ISchedulerFactory _schedulers;
    private readonly TimeProvider _time;
    private readonly ILogger<SolveQueueSweep> _logger;
    private readonly DatabaseRetries _retries;
    private readonly ServeFaults _faults;

    public SolveQueueSweep(
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, ISchedulerFactory schedulers, TimeProvider time, DatabaseRetries retries, ServeFaults faults, ILogger<SolveQueueSweep> logger)
    {
        _retries = retries;
        _faults = faults;
        _openDatabase = openDatabase;
        _schedulers = schedulers;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => _faults.GuardAsync(
            async () =>
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await _retries.RunAsync(WorkKind.Solve, SweepAsync, stoppingToken).ConfigureAwait(false);
                    await Task.Delay(Interval, _time, stoppingToken).ConfigureAwait(false);
                }
            },
            stoppingToken);

    /// <summary>Queues the jobs that are missing; returns how many it queued.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        var queued = 0;
        foreach (var id in await database.SolveQueue.IdsInStateAsync(RunState.Running, cancellationToken).ConfigureAwait(false))
        {
            if (!await scheduler.Exists(SolveRunJob.KeyFor(id), cancellationToken).ConfigureAwait(false)
                && await database.Runs.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } run
                && await database.SolveQueue.RequeueAsync(new RunAttempt(id, run.Attempt), cancellationToken).ConfigureAwait(false))
            {
                _logger.RunRequeued(id, run.Node);
            }
        }

        foreach (var id in await database.SolveQueue.IdsInStateAsync(RunState.Queued, cancellationToken).ConfigureAwait(false))
        {
            if (!await scheduler.Exists(SolveRunJob.KeyFor(id), cancellationToken).ConfigureAwait(false)
                && !await WaitsForItsBaseAsync(database, id, cancellationToken).ConfigureAwait(false))
            {
                await SolveJobs.QueueAsync(scheduler, id, cancellationToken).ConfigureAwait(false);
                queued++;
            }
        }

        if (queued > 0)
        {
            _logger.QueuedRunsRequeued(queued);
        }

        return queued;
    }

    private static async Task<bool> WaitsForItsBaseAsync(SchedulerDatabase database, long id, CancellationToken cancellationToken)
    {
        if (await database.Runs.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { Variant: not null, ComparisonId: { } comparisonId }
            || await database.Comparisons.FindAsync(comparisonId, cancellationToken).ConfigureAwait(false) is not { Anchored: true })
        {
            return false;
        }

        var runs = await database.SolveQueue.OfComparisonAsync(comparisonId, cancellationToken).ConfigureAwait(false);
        return runs.FirstOrDefault(r => r.Variant is null) is { State: RunState.Queued or RunState.Running };
    }
}
