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
public sealed class Publisher
{
    private readonly Func<SchedulerDatabase> _openDatabase;
    private readonly TimeProvider _time;
    private readonly DeliverySignal _delivery;
    private readonly ILogger<Publisher> _logger;

    // Triggers and the catch-up publish one at a time, so that two of them firing together after
    // downtime cannot interleave their drops out of order.
    private readonly Lock _gate = new();

    public Publisher(Func<SchedulerDatabase> openDatabase, TimeProvider time, DeliverySignal delivery, ILogger<Publisher> logger)
    {
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
    public bool PublishDue(string title, string region, int drop)
    {
        lock (_gate)
        {
            using var database = _openDatabase();
            var now = Now();
            var target = database.PlanOfRecordDrop(title, region, drop);
            if (target is null || target.PublishedAt is not null || target.PublishAt > now)
            {
                return false;
            }

            var missed = InPublicationOrder(database.PlanOfRecordReleases().Where(r => r.PublishedAt is null))
                .TakeWhile(r => (r.Title, r.Region, r.Drop) != (title, region, drop));
            foreach (var earlier in missed)
            {
                Publish(database, earlier, Now());
            }

            return Publish(database, target, Now());
        }
    }

    /// <summary>Publishes every due, unpublished drop in publication order (after downtime, say); returns how many.</summary>
    public int CatchUp()
    {
        lock (_gate)
        {
            using var database = _openDatabase();
            var now = Now();
            return InPublicationOrder(database.PlanOfRecordReleases().Where(r => r.PublishedAt is null && r.PublishAt <= now))
                .Count(r => Publish(database, r, Now()));
        }
    }

    /// <summary>By instant; at the same instant a premiere before a later drop, then by region and title.</summary>
    private static IEnumerable<ScheduledRelease> InPublicationOrder(IEnumerable<ScheduledRelease> drops)
        => drops.OrderBy(r => r.PublishAt).ThenBy(r => r.Drop).ThenBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.Title, StringComparer.Ordinal);

    private Instant Now() => Instant.FromDateTimeOffset(_time.GetUtcNow());

    private bool Publish(SchedulerDatabase database, ScheduledRelease release, Instant now)
    {
        var published = database.TryPublish(release, now, PublicationPayload.Json(release, now), PublicationPayload.IdempotencyKey(release));
        if (published)
        {
            var lateness = (now - release.PublishAt).TotalSeconds;
            _logger.LogInformation(
                "Published {Title} in {Region}, drop {Drop} of {Drops} ({Date}), due {PublishAt}, {Lateness:0.###} s late",
                release.Title, release.Region, release.Drop, release.DropCount, LocalDatePattern.Iso.Format(release.Date), release.PublishAt, Math.Max(0, lateness));
            _delivery.Notify();
        }

        return published;
    }
}
