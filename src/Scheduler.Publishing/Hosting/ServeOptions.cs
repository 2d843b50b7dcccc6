using Scheduler.Publishing.Sinks;

namespace Scheduler.Publishing.Hosting;

/// <summary>How <c>scheduler serve</c> runs.</summary>
public sealed record ServeOptions(string DatabasePath, INotificationSink Sink)
{
    /// <summary>How often the plan of record is checked for a new adoption.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Quartz's own store, a separate SQLite file beside the database.</summary>
    public string QuartzDatabasePath => Path.ChangeExtension(DatabasePath, ".quartz.db");
}
