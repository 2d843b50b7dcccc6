using Scheduler.Publishing.Sinks;
using Scheduler.Storage;

namespace Scheduler.Publishing.Hosting;

/// <summary>How <c>scheduler serve</c> runs.</summary>
public sealed record ServeOptions(DatabaseTarget Database, INotificationSink Sink)
{
    /// <summary>How often the plan of record is checked for a new adoption.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Quartz cron expression of the nightly replan (default 02:00 every day); null for none.</summary>
    public string? ReplanCron { get; init; } = "0 0 2 * * ?";

    /// <summary>The time zone the cron expression is read in.</summary>
    public TimeZoneInfo ReplanZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// Quartz's own store, a separate SQLite file: beside an SQLite database; for a PostgreSQL one,
    /// under the data home, named after the server and database. Its triggers are rebuilt from the
    /// plan of record on every start, so a store on another machine's disk loses nothing.
    /// </summary>
    public string QuartzDatabasePath { get; init; } = Database is { FilePath: { } file }
        ? Path.ChangeExtension(file, ".quartz.db")
        : Path.Combine(
            DatabaseLocation.DataHome(Environment.GetEnvironmentVariable),
            "scheduler",
            $"{Database.Host}-{Database.Port}-{Database.Database}.quartz.db");
}
