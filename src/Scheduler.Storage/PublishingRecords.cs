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
