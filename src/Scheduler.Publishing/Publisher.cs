using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Storage;

namespace Scheduler.Publishing;

/// <summary>
/// Publishes releases of the plan of record: the release is marked published and its notification
/// queued in one transaction, at most once per (title, region) whatever calls twice.
/// </summary>
public sealed class Publisher
{
    private readonly Func<SchedulerDatabase> _openDatabase;
    private readonly TimeProvider _time;
    private readonly DeliverySignal _delivery;
    private readonly ILogger<Publisher> _logger;

    public Publisher(Func<SchedulerDatabase> openDatabase, TimeProvider time, DeliverySignal delivery, ILogger<Publisher> logger)
    {
        _openDatabase = openDatabase ?? throw new ArgumentNullException(nameof(openDatabase));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _delivery = delivery ?? throw new ArgumentNullException(nameof(delivery));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Publishes the plan of record's release of (title, region) if it is due and unpublished; true when this call published it.</summary>
    public bool PublishDue(string title, string region)
    {
        using var database = _openDatabase();
        var release = database.PlanOfRecordRelease(title, region);
        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        if (release is null || release.PublishedAt is not null || release.PublishAt > now)
        {
            return false;
        }

        return Publish(database, release, now);
    }

    /// <summary>Publishes every due, unpublished release in time order (after downtime, say); returns how many.</summary>
    public int CatchUp()
    {
        using var database = _openDatabase();
        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        return database.PlanOfRecordReleases()
            .Where(r => r.PublishedAt is null && r.PublishAt <= now)
            .OrderBy(r => r.PublishAt)
            .Count(r => Publish(database, r, Instant.FromDateTimeOffset(_time.GetUtcNow())));
    }

    private bool Publish(SchedulerDatabase database, ScheduledRelease release, Instant now)
    {
        var published = database.TryPublish(release, now, PublicationPayload.Json(release, now), PublicationPayload.IdempotencyKey(release));
        if (published)
        {
            var lateness = (now - release.PublishAt).TotalSeconds;
            _logger.LogInformation(
                "Published {Title} in {Region} ({Date}), due {PublishAt}, {Lateness:0.###} s late",
                release.Title, release.Region, NodaTime.Text.LocalDatePattern.Iso.Format(release.Date), release.PublishAt, Math.Max(0, lateness));
            _delivery.Notify();
        }

        return published;
    }
}
