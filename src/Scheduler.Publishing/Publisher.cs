using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;
using Scheduler.Storage;
using Scheduler.Storage.Stores;

namespace Scheduler.Publishing;

/// <summary>
/// Publishes the drops of the plan of record's releases (a whole-season release has one, the
/// premiere): each drop is marked published and its notification queued in the transaction of its
/// batch, at most once per (title, region, drop) whatever calls twice, and always in publication
/// order. Each call reads only the drops due, never the whole plan.
/// </summary>
public sealed class Publisher : IDisposable
{
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly TimeProvider _time;
    private readonly DeliverySignal _delivery;
    private readonly ILogger<Publisher> _logger;
    private readonly Hosting.ServeNode _node;

    // Triggers and the catch-up publish one at a time, so that two of them firing together after
    // downtime cannot interleave their drops out of order. A semaphore, as the storage calls inside
    // are awaited.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PublicationMetrics _metrics;

    public Publisher(Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, TimeProvider time, DeliverySignal delivery, Hosting.ServeNode node, PublicationMetrics metrics, ILogger<Publisher> logger)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _node = node ?? throw new ArgumentNullException(nameof(node));
        _openDatabase = openDatabase ?? throw new ArgumentNullException(nameof(openDatabase));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _delivery = delivery ?? throw new ArgumentNullException(nameof(delivery));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Publishes every unpublished drop due at or before <paramref name="through"/> (and not after
    /// now), in publication order; returns how many this call published. A trigger that fires for
    /// an instant publishes its drops and any earlier ones still unpublished (it fired late, after
    /// downtime): a drop never overtakes one it missed.
    /// </summary>
    public async Task<int> PublishThroughAsync(Instant through, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
            var published = 0;
            while (true)
            {
                var now = Now();
                var due = await database.Publications.DueAsync(through < now ? through : now, PublicationStore.PublishBatch, cancellationToken).ConfigureAwait(false);
                if (due.Count == 0)
                {
                    return published;
                }

                var batch = due.Select(d => new DropPublication(d, PublicationPayload.IdempotencyKey(d), PublicationPayload.Json(d, now))).ToList();
                var done = await database.Publications.PublishAsync(batch, now, _node.Name, cancellationToken).ConfigureAwait(false);
                Report(done, now);
                published += done.Count;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes every due, unpublished drop in publication order (after downtime, say); returns how many.</summary>
    public Task<int> CatchUpAsync(CancellationToken cancellationToken = default) => PublishThroughAsync(Now(), cancellationToken);

    public void Dispose() => _gate.Dispose();

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private void Report(IReadOnlyList<ScheduledRelease> published, Instant now)
    {
        foreach (var release in published)
        {
            var lateness = (now - release.PublishAt).TotalSeconds;
            _logger.Published(release.Title, release.Region, release.Drop, release.DropCount, LocalDatePattern.Iso.Format(release.Date), release.PublishAt, Math.Max(0, lateness), _node.Name);
            _metrics.Published(lateness);
        }

        if (published.Count > 0)
        {
            _delivery.Notify();
        }
    }
}
