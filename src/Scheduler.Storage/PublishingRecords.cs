using NodaTime;

namespace Scheduler.Storage;

/// <summary>A release of the plan of record, with whether (and when) it was published.</summary>
public sealed record ScheduledRelease(
    long RunId,
    string Title,
    string Region,
    LocalDate Date,
    Instant PublishAt,
    string Mode,
    Instant? PublishedAt,
    double? LatenessSeconds);

/// <summary>A notification waiting in the outbox, or already delivered or failed.</summary>
public sealed record Notification(long Id, string Title, string Region, string IdempotencyKey, string Payload, string Status, int Attempts, string? LastError);
