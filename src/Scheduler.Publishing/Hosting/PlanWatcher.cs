using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Publishing.Hosting;

/// <summary>
/// Keeps publication in step with the plan of record: on start, and whenever an adoption (from
/// the CLI or a replan, in any process) changes it, publishes the drops already due, in time
/// order, then brings the triggers in line.
/// </summary>
public sealed class PlanWatcher : BackgroundService
{
    private readonly ISchedulerFactory _schedulers;
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly Publisher _publisher;
    private readonly TriggerSynchronizer _synchronizer;
    private readonly TimeProvider _time;
    private readonly PublishingOptions _options;
    private readonly ILogger<PlanWatcher> _logger;
    private readonly PublicationMetrics _metrics;
    private string? _seen;

    public PlanWatcher(
        ISchedulerFactory schedulers,
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        Publisher publisher,
        TriggerSynchronizer synchronizer,
        TimeProvider time,
        PublishingOptions options,
        PublicationMetrics metrics,
        ILogger<PlanWatcher> logger)
    {
        _metrics = metrics;
        _schedulers = schedulers;
        _openDatabase = openDatabase;
        _publisher = publisher;
        _synchronizer = synchronizer;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>One look at the plan of record; resynchronizes when it changed (or on the first look).</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        string? stamp;
        await using (var database = await _openDatabase(cancellationToken).ConfigureAwait(false))
        {
            stamp = await database.PlanOfRecord.StampAsync(cancellationToken).ConfigureAwait(false);
            if (stamp != _seen && await database.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false) is { } current)
            {
                _metrics.PlanOfRecord((await database.Runs.FindAsync(current, cancellationToken).ConfigureAwait(false))?.PlanJson is { } plan ? PlanJson.Read(plan).Solver.Gap : null);
            }
        }

        if (stamp == _seen && _seen is not null)
        {
            return;
        }

        _seen = stamp;
        if (stamp is null)
        {
            _logger.LogInformation("No plan of record yet; waiting for an adoption");
            return;
        }

        _logger.LogInformation("Plan of record is run {Stamp}", stamp);
        var caughtUp = await _publisher.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        if (caughtUp > 0)
        {
            _logger.LogWarning("Published {Count} drops that fell due while nothing was running", caughtUp);
        }

        IReadOnlyList<ScheduledRelease> releases;
        await using (var database = await _openDatabase(cancellationToken).ConfigureAwait(false))
        {
            releases = await database.Publications.PlanOfRecordDropsAsync(cancellationToken).ConfigureAwait(false);
        }

        var scheduler = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await _synchronizer.SyncAsync(scheduler, releases, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
