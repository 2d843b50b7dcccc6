using Scheduler.Storage;

namespace Scheduler.Publishing.Sinks;

/// <summary>How one delivery attempt ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>The sink has it.</summary>
    Delivered,

    /// <summary>A passing failure (a 5xx, a timeout): try again later.</summary>
    Retry,

    /// <summary>The sink refused it (a 4xx): recorded as failed, not retried.</summary>
    Failed,
}

/// <summary>The outcome of one attempt, with what the sink said when it did not take it.</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null);

/// <summary>Where publication notifications go: an HTTP endpoint or an append-only JSON-lines file.</summary>
public interface INotificationSink
{
    Task<DeliveryResult> DeliverAsync(Notification notification, CancellationToken cancellationToken = default);
}
