using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Publishing.Resilience;
using Scheduler.Publishing.Sinks;
using Scheduler.Storage;

namespace Scheduler.Publishing.Hosting;

/// <summary>
/// Drains the notification outbox into the sink, oldest first. A passing failure is retried with
/// exponential backoff (1 s, 2 s, 4 s, ... at most a minute); after <see cref="MaxAttempts"/>, or
/// on a refusal, the notification is recorded as failed with the sink's answer. Nodes sharing a
/// database claim what they deliver for <see cref="ClaimLease"/>, so that no notification goes out
/// from two nodes at once, and a dead node's claims run out for the others.
/// </summary>
public sealed class DeliveryService : BackgroundService
{
    public const int MaxAttempts = 8;

    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);

    // Longer than a pass over one batch takes with a slow sink (its timeout is 30 s).
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(90);

    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly INotificationSink _sink;
    private readonly DeliverySignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<DeliveryService> _logger;
    private readonly ServeNode _node;
    private readonly PublicationMetrics _metrics;

    private readonly DatabaseRetries _retries;
    private readonly ServeFaults _faults;

    // When the sink began to refuse (a timestamp of the clock), logged once then and once when it takes notifications again; null while it takes them.
    private long? _failingSince;

    public DeliveryService(
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        INotificationSink sink,
        DeliverySignal signal,
        TimeProvider time,
        ServeNode node,
        PublicationMetrics metrics,
        DatabaseRetries retries,
        ServeFaults faults,
        ILogger<DeliveryService> logger)
    {
        _retries = retries;
        _faults = faults;
        _metrics = metrics;
        _node = node;
        _openDatabase = openDatabase;
        _sink = sink;
        _signal = signal;
        _time = time;
        _logger = logger;
    }

    /// <summary>Delivers what is pending once; returns the delay before a retry is due, or null when nothing waits for a retry.</summary>
    public async Task<TimeSpan?> DeliverPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        TimeSpan? retryIn = null;
        foreach (var notification in await database.Notifications.ClaimPendingAsync(_node.Name, 100, ClaimLease, cancellationToken).ConfigureAwait(false))
        {
            var result = await _sink.DeliverAsync(notification, cancellationToken).ConfigureAwait(false);
            var attempts = notification.Attempts + 1;
            switch (result.Outcome)
            {
                case DeliveryOutcome.Delivered:
                    await database.Notifications.RecordDeliveryAsync(notification.Id, NotificationStatus.Delivered, null, cancellationToken).ConfigureAwait(false);
                    if (_failingSince is { } since)
                    {
                        _failingSince = null;
                        _logger.SinkRecovered(_time.GetElapsedTime(since).TotalSeconds);
                    }

                    break;
                case DeliveryOutcome.Retry when attempts < MaxAttempts:
                    await database.Notifications.RecordDeliveryAsync(notification.Id, NotificationStatus.Pending, result.Error, cancellationToken).ConfigureAwait(false);
                    var backoff = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempts - 1)));
                    retryIn = retryIn is { } earlier && earlier < backoff ? earlier : backoff;
                    if (_failingSince is null)
                    {
                        _failingSince = _time.GetTimestamp();
                        _logger.SinkFailing(result.Error);
                    }

                    _logger.DeliveryRetrying(notification.Title, notification.Region, notification.Drop, result.Error, backoff);
                    break;
                default:
                    await database.Notifications.RecordDeliveryAsync(notification.Id, NotificationStatus.Failed, result.Error, cancellationToken).ConfigureAwait(false);
                    _metrics.DeliveryFailed();
                    _logger.DeliveryFailed(notification.Title, notification.Region, notification.Drop, result.Error);
                    break;
            }

            if (retryIn is not null)
            {
                break; // keep the order: later notifications wait behind the one being retried
            }
        }

        // What this pass did not get to goes back, for this node's next pass or any other node's.
        await database.Notifications.ReleaseClaimsAsync(_node.Name, cancellationToken).ConfigureAwait(false);
        return retryIn;
    }

    // A database that fails a pass is waited for; a notification the sink took but that could not be
    // recorded stays claimed by this node, which sends it again (same idempotency key) when it answers.
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => _faults.GuardAsync(
            async () =>
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    var retryIn = await _retries.RunAsync(WorkKind.Delivery, DeliverPendingAsync, stoppingToken).ConfigureAwait(false);
                    if (retryIn is { } delay)
                    {
                        await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await _signal.WaitAsync(IdlePoll, stoppingToken).ConfigureAwait(false);
                    }
                }
            },
            stoppingToken);
}
