using System.Globalization;
using NodaTime.Text;
using Scheduler.Application.Publications;

namespace Scheduler.Reports.Json;

/// <summary>The plan of record's publications as <c>status --json</c> and the API give them.</summary>
public static class PublicationJson
{
    public static object Of(PublicationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new
        {
            planOfRecord = status.PlanOfRecord,
            counts = new
            {
                upcoming = status.Counts.Upcoming,
                published = status.Counts.Published,
                late = status.Counts.Late,
                failed = status.Counts.Failed,
                total = status.Counts.Total,
            },
            page = new
            {
                state = status.Query.State,
                offset = status.Query.Offset,
                limit = status.Query.Limit,
                matching = status.Query.State is { } state ? status.Counts.Of(state) : status.Counts.Total,
            },
            triggers = status.Triggers is { } window
                ? new
                {
                    through = InstantPattern.ExtendedIso.Format(window.Through),
                    filledAt = InstantPattern.ExtendedIso.Format(window.RefilledAt),
                    node = window.Node,
                    instants = window.Instants,
                    drops = window.Drops,
                }
                : null,
            releases = status.Releases.Select(r => new
            {
                title = r.Title,
                region = r.Region,
                drop = r.Drop,
                drops = r.Drops,
                date = LocalDatePattern.Iso.Format(r.Date),
                publishAt = InstantPattern.General.Format(r.PublishAt),
                publishAtLocal = LocalInstant(r),
                state = r.State,
                publishedAt = r.PublishedAt is { } at ? InstantPattern.ExtendedIso.Format(at) : null,
                latenessSeconds = r.LatenessSeconds,
                node = r.Node,
                error = r.Error,
            }),
        };
    }

    /// <summary>The instant in the region's zone, with its offset and the zone's abbreviation: <c>2027-03-19T00:00+01:00 CET</c>.</summary>
    public static string? LocalInstant(PublicationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.PublishAtLocal?.ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm> x", CultureInfo.InvariantCulture);
    }
}
