using NodaTime;

namespace Scheduler.Storage;

/// <summary>
/// One drop of a release of the plan of record, with whether (and when) it was published. A
/// whole-season release has one drop, <c>Drop</c> 0, the premiere; a weekly or batched title has
/// <see cref="DropCount"/> of them, each with its own local date and instant.
/// </summary>
public sealed record ScheduledRelease(
    long RunId,
    string Title,
    string Region,
    int Drop,
    int DropCount,
    LocalDate Date,
    Instant PublishAt,
    string Mode,
    Instant? PublishedAt,
    double? LatenessSeconds)
{
    /// <summary>The serve node that published the drop; null when unpublished, or published before nodes were recorded.</summary>
    public string? PublishedBy { get; init; }

    public bool IsPremiere => Drop == 0;
}

/// <summary>Where a notification of the outbox is.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting to be delivered, or to be tried again after a passing failure.</summary>
    Pending,

    /// <summary>The sink took it.</summary>
    Delivered,

    /// <summary>The sink refused it, or every attempt failed: it is not tried again.</summary>
    Failed,
}

/// <summary>A notification about one published drop, waiting in the outbox or already delivered or failed.</summary>
public sealed record Notification(long Id, string Title, string Region, int Drop, string IdempotencyKey, string Payload, NotificationStatus Status, int Attempts, string? LastError);

/// <summary>How many drops of the plan of record stand in each state.</summary>
public sealed record PublicationCounts(long Upcoming, long Published, long Late, long Failed)
{
    public long Total => Upcoming + Published + Late + Failed;

    public long Of(PublicationState state) => state switch
    {
        PublicationState.Upcoming => Upcoming,
        PublicationState.Published => Published,
        PublicationState.Late => Late,
        PublicationState.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>One drop of the plan of record as <c>status</c> lists it: with its state and, when its notification failed, the sink's last answer.</summary>
public sealed record DropStanding(ScheduledRelease Drop, PublicationState State, string? Error);

/// <summary>One drop to publish, with the notification that announces it.</summary>
public sealed record DropPublication(ScheduledRelease Drop, string IdempotencyKey, string Payload);

/// <summary>
/// The last filling of the window of publication triggers: which adoption it followed (the plan of
/// record's stamp), the instant it reached, and when and by which node it was done.
/// </summary>
public sealed record PublicationWindow(string Stamp, Instant Through, Instant RefilledAt, string Node, int Instants, int Drops);
