using Scheduler.Storage;

namespace Scheduler.Publishing;

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
}
