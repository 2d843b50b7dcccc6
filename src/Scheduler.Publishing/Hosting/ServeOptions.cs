using Scheduler.Publishing.Sinks;

namespace Scheduler.Publishing.Hosting;

/// <summary>How <c>scheduler serve</c> runs.</summary>
public sealed record ServeOptions(string DatabasePath, INotificationSink Sink)
{
    /// <summary>How often the plan of record is checked for a new adoption.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Quartz cron expression of the nightly replan (default 02:00 every day); null for none.</summary>
    public string? ReplanCron { get; init; } = "0 0 2 * * ?";

    /// <summary>The time zone the cron expression is read in.</summary>
    public TimeZoneInfo ReplanZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Quartz's own store, a separate SQLite file beside the database.</summary>
    public string QuartzDatabasePath => Path.ChangeExtension(DatabasePath, ".quartz.db");
}
