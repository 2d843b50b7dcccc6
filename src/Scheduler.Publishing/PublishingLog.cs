using Microsoft.Extensions.Logging;
using NodaTime;

namespace Scheduler.Publishing;

/// <summary>
/// Every line the publisher logs, each with its event id (1000 to 1999), so that an operator can
/// filter and count them: publications, the plan of record, the trigger window, deliveries and
/// database outages. A condition that lasts (an outage, a sink that refuses) is logged once as it
/// begins and once as it ends.
/// </summary>
public static partial class PublishingLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Published {Title} in {Region}, drop {Drop} of {Drops} ({Date}), due {PublishAt}, {Lateness:0.###} s late, on node {Node}")]
    public static partial void Published(this ILogger logger, string title, string region, int drop, int drops, string date, Instant publishAt, double lateness, string node);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Published {Count} drops that fell due while nothing could publish them")]
    public static partial void CaughtUp(this ILogger logger, int count);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "No plan of record yet; waiting for an adoption")]
    public static partial void NoPlanOfRecord(this ILogger logger);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Plan of record is run {Stamp}")]
    public static partial void PlanOfRecordIs(this ILogger logger, string stamp);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Publication triggers through {Through}: {Instants} instants for {Drops} drops ({Added} added, {Removed} removed) in {Milliseconds} ms, asked for by {Reason}")]
    public static partial void TriggersFilled(this ILogger logger, Instant through, int instants, int drops, int added, int removed, long milliseconds, string reason);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "The sink stopped taking notifications ({Error}); each is retried with backoff until it takes them again")]
    public static partial void SinkFailing(this ILogger logger, string? error);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Debug, Message = "Delivery of {Title} in {Region}, drop {Drop}, failed ({Error}); retrying in {Backoff}")]
    public static partial void DeliveryRetrying(this ILogger logger, string title, string region, int drop, string? error, TimeSpan backoff);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "The sink takes notifications again, after {Seconds:0.0} s")]
    public static partial void SinkRecovered(this ILogger logger, double seconds);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Error, Message = "Delivery of {Title} in {Region}, drop {Drop}, failed for good: {Error}")]
    public static partial void DeliveryFailed(this ILogger logger, string title, string region, int drop, string? error);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "The database stopped answering ({Reason}); work is retried until it answers again")]
    public static partial void OutageBegan(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Information, Message = "The database answers again, after {Seconds:0.0} s; what fell due meanwhile is caught up")]
    public static partial void OutageEnded(this ILogger logger, double seconds);
}
