using Scheduler.Publishing.Sinks;

namespace Scheduler.Publishing.Hosting;

/// <summary>How a node publishes: where notifications go, its name among the nodes, and how often it looks for a new plan of record.</summary>
public sealed record PublishingOptions(INotificationSink Sink, ServeNode Node, TimeSpan PollInterval)
{
    /// <summary>The rolling window of publication triggers.</summary>
    public TriggerWindowOptions Triggers { get; init; } = new();
}
