using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Storage;

namespace Scheduler.Publishing;

/// <summary>What a sink receives for one publication, and the key that lets it ignore a repeat.</summary>
public static class PublicationPayload
{
    /// <summary>Run, title and region: the same release of the same plan always has the same key.</summary>
    public static string IdempotencyKey(ScheduledRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return string.Create(CultureInfo.InvariantCulture, $"{release.RunId}:{release.Title}:{release.Region}");
    }

    public static string Json(ScheduledRelease release, Instant publishedAt)
    {
        ArgumentNullException.ThrowIfNull(release);
        return JsonSerializer.Serialize(new
        {
            title = release.Title,
            region = release.Region,
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
