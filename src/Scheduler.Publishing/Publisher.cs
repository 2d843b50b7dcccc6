using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;
using Scheduler.Storage;

namespace Scheduler.Publishing;

/// <summary>
/// Publishes the drops of the plan of record's releases (a whole-season release has one, the
/// premiere): the drop is marked published and its notification queued in one transaction, at
/// most once per (title, region, drop) whatever calls twice, and always in publication order.
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
    /// Publishes drop <paramref name="drop"/> of the plan of record's release of (title, region) if
    /// it is due and unpublished; true when this call published it. Drops due before it that are
    /// still unpublished (its trigger fired late, after downtime) are published first: a drop never
    /// overtakes one it missed.
    /// </summary>
    public async Task<bool> PublishDueAsync(string title, string region, int drop, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
            var now = Now();
            var target = await database.Publications.DropAsync(title, region, drop, cancellationToken).ConfigureAwait(false);
            if (target is null || target.PublishedAt is not null || target.PublishAt > now)
            {
                return false;
            }

            var drops = await database.Publications.PlanOfRecordDropsAsync(cancellationToken).ConfigureAwait(false);
            // Only drops due no later than this one: another node may have published this one in the
            // meantime, and then nothing in the list would stop the walk before the drops to come.
            var missed = InPublicationOrder(drops.Where(r => r.PublishedAt is null && r.PublishAt <= target.PublishAt))
                .TakeWhile(r => (r.Title, r.Region, r.Drop) != (title, region, drop));
            foreach (var earlier in missed)
            {
                await PublishAsync(database, earlier, Now(), cancellationToken).ConfigureAwait(false);
            }

            return await PublishAsync(database, target, Now(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes every due, unpublished drop in publication order (after downtime, say); returns how many.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
            var now = Now();
            var drops = await database.Publications.PlanOfRecordDropsAsync(cancellationToken).ConfigureAwait(false);
            var published = 0;
            foreach (var drop in InPublicationOrder(drops.Where(r => r.PublishedAt is null && r.PublishAt <= now)))
            {
                published += await PublishAsync(database, drop, Now(), cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            return published;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>By instant; at the same instant a premiere before a later drop, then by region and title.</summary>
    private static IEnumerable<ScheduledRelease> InPublicationOrder(IEnumerable<ScheduledRelease> drops)
        => drops.OrderBy(r => r.PublishAt).ThenBy(r => r.Drop).ThenBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.Title, StringComparer.Ordinal);

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private async Task<bool> PublishAsync(SchedulerDatabase database, ScheduledRelease release, Instant now, CancellationToken cancellationToken)
    {
        var published = await database.Publications.TryPublishAsync(
            release, now, PublicationPayload.Json(release, now), PublicationPayload.IdempotencyKey(release), _node.Name, cancellationToken).ConfigureAwait(false);
        if (published)
        {
            var lateness = (now - release.PublishAt).TotalSeconds;
            _logger.LogInformation(
                "Published {Title} in {Region}, drop {Drop} of {Drops} ({Date}), due {PublishAt}, {Lateness:0.###} s late, on node {Node}",
                release.Title, release.Region, release.Drop, release.DropCount, LocalDatePattern.Iso.Format(release.Date), release.PublishAt, Math.Max(0, lateness), _node.Name);
            _metrics.Published(lateness);
            _delivery.Notify();
        }

        return published;
    }
}
