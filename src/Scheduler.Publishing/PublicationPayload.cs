using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Storage;

namespace Scheduler.Publishing;

/// <summary>What a sink receives for one published drop, and the key that lets it ignore a repeat.</summary>
public static class PublicationPayload
{
    /// <summary>
    /// Run, title and region, and for a title with several drops the drop
    /// (<c>12:bake-off-s4:uk:drop-3</c>): the same drop of the same plan always has the same key,
    /// and no two drops share one. A whole-season release keeps the key it had before titles had
    /// drops (<c>12:film:uk</c>), so that a receiver that remembers keys, and the notifications
    /// queued before an upgrade, still recognise it.
    /// </summary>
    public static string IdempotencyKey(ScheduledRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.DropCount == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{release.RunId}:{release.Title}:{release.Region}")
            : string.Create(CultureInfo.InvariantCulture, $"{release.RunId}:{release.Title}:{release.Region}:drop-{release.Drop}");
    }

    public static string Json(ScheduledRelease release, Instant publishedAt)
    {
        ArgumentNullException.ThrowIfNull(release);
        return JsonSerializer.Serialize(new
        {
            title = release.Title,
            region = release.Region,
            drop = release.Drop,
            drops = release.DropCount,
            date = LocalDatePattern.Iso.Format(release.Date),
            mode = release.Mode,
            publishAt = InstantPattern.General.Format(release.PublishAt),
            publishedAt = InstantPattern.ExtendedIso.Format(publishedAt),
            latenessSeconds = Math.Max(0, (publishedAt - release.PublishAt).TotalSeconds),
            run = release.RunId,
            idempotencyKey = IdempotencyKey(release),
        });
    }
}
