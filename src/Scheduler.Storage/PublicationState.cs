namespace Scheduler.Storage;

/// <summary>Where the publication of one drop of the plan of record stands.</summary>
public enum PublicationState
{
    /// <summary>Not published yet.</summary>
    Upcoming,

    /// <summary>Published on time (at most <see cref="PublicationStates.LateAfterSeconds"/> after its instant).</summary>
    Published,

    /// <summary>Published, but more than <see cref="PublicationStates.LateAfterSeconds"/> after its instant.</summary>
    Late,

    /// <summary>Published, but its notification could not be delivered.</summary>
    Failed,
}

/// <summary>How a drop's publication state is decided, once for <c>status</c>, the API and the metrics.</summary>
public static class PublicationStates
{
    /// <summary>A publication this many seconds after its instant is late.</summary>
    public const double LateAfterSeconds = 60;

    public static bool IsLate(double latenessSeconds) => latenessSeconds > LateAfterSeconds;

    /// <param name="release">The drop, with its publication if it happened.</param>
    /// <param name="notification">The status of its notification, if one was queued.</param>
    public static PublicationState Of(ScheduledRelease release, NotificationStatus? notification)
    {
        ArgumentNullException.ThrowIfNull(release);
        return notification == NotificationStatus.Failed ? PublicationState.Failed
            : release.PublishedAt is null ? PublicationState.Upcoming
            : release.LatenessSeconds is { } lateness && IsLate(lateness) ? PublicationState.Late
            : PublicationState.Published;
    }

    /// <summary>The states by the words <c>status --state</c> and the API's <c>?state=</c> take: upcoming, published, late, failed.</summary>
    public static bool TryParse(string? word, out PublicationState state)
    {
        foreach (var candidate in Enum.GetValues<PublicationState>())
        {
            if (string.Equals(Stores.StoredNames.Of(candidate), word, StringComparison.Ordinal))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>
    /// <see cref="Of"/> in SQL, so that counts and filtered pages come from the database: over a
    /// drop joined with its publication as <c>p</c> and its notification as <c>n</c>; one of the
    /// words of <see cref="Stores.StoredNames"/> for the states.
    /// </summary>
    internal static string Sql
        => FormattableString.Invariant($"""
            CASE WHEN n.status = 'failed' THEN 'failed'
                 WHEN p.title IS NULL THEN 'upcoming'
                 WHEN p.lateness_seconds > {LateAfterSeconds} THEN 'late'
                 ELSE 'published' END
            """);
}
