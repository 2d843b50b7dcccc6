using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Publishing.Resilience;
using Scheduler.Storage;

namespace Scheduler.Publishing.Hosting;

/// <summary>
/// Keeps publication in step with the plan of record: on start, whenever an adoption (from the CLI
/// or a replan, in any process) changes it, and when the database answers again after an outage,
/// publishes the drops already due, in time order; on start and on an adoption it then asks for the
/// window of triggers to be filled (<see cref="Jobs.FillTriggerWindowJob"/>, once for the cluster
/// per adoption). A database that fails it is waited for (<see cref="WorkKind.PlanWatch"/>); only a fault no retry mends stops the node.
/// </summary>
public sealed class PlanWatcher : BackgroundService
{
    private readonly ISchedulerFactory _schedulers;
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly Publisher _publisher;
    private readonly TimeProvider _time;
    private readonly PublishingOptions _options;
    private readonly ILogger<PlanWatcher> _logger;
    private readonly PublicationMetrics _metrics;
    private readonly DatabaseRetries _retries;
    private readonly DatabaseOutage _outage;
    private readonly ServeFaults _faults;
    private string? _seen;
    private long _seenRecoveries;
    private bool _started;
    private bool _looked;

    public PlanWatcher(
        ISchedulerFactory schedulers,
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        Publisher publisher,
        TimeProvider time,
        PublishingOptions options,
        PublicationMetrics metrics,
        DatabaseRetries retries,
        DatabaseOutage outage,
        ServeFaults faults,
        ILogger<PlanWatcher> logger)
    {
        _retries = retries;
        _outage = outage;
        _faults = faults;
        _metrics = metrics;
        _schedulers = schedulers;
        _openDatabase = openDatabase;
        _publisher = publisher;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>One look at the plan of record; resynchronizes when it changed, on the first look, and after an outage.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var recoveries = _outage.Recoveries;
        string? stamp;
        await using (var database = await _openDatabase(cancellationToken).ConfigureAwait(false))
        {
            stamp = await database.PlanOfRecord.StampAsync(cancellationToken).ConfigureAwait(false);
            if (stamp != _seen && await database.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false) is { } current)
            {
                // The gap as the run's row holds it: a world's plan is not read for one number.
                _metrics.PlanOfRecord(await database.Runs.GapOfAsync(current, cancellationToken).ConfigureAwait(false));
            }
        }

        // Nothing new, including no plan of record still: said once, not at every look.
        if (_looked && stamp == _seen && recoveries == _seenRecoveries)
        {
            return;
        }

        _looked = true;

        var changed = stamp != _seen;
        _seen = stamp;
        _seenRecoveries = recoveries;
        if (stamp is null)
        {
            _logger.NoPlanOfRecord();
            return;
        }

        if (changed)
        {
            _logger.PlanOfRecordIs(stamp);
        }

        var caughtUp = await _publisher.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        if (caughtUp > 0)
        {
            _logger.CaughtUp(caughtUp);
        }

        // A node's start fills the window whatever the last filling says: its own triggers may be
        // gone (a new Quartz file). An adoption's filling is asked for by name, so that every node
        // seeing it asks for the same one; after an outage the triggers in place still hold.
        if (!_started || changed)
        {
            var scheduler = await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
            await Jobs.FillTriggerWindowJob.RequestAsync(scheduler, _started ? $"adopted {stamp}" : $"started {_options.Node.Name}", force: !_started, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            _started = true;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => _faults.GuardAsync(
            async () =>
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await _retries.RunAsync(WorkKind.PlanWatch, CheckAsync, stoppingToken).ConfigureAwait(false);
                    await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
            },
            stoppingToken);
}
