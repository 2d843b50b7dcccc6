namespace Scheduler.Storage;

/// <summary>
/// Where the database lives: <c>--db</c>, else the <c>SCHEDULER_DB</c> environment variable, else
/// <c>$XDG_DATA_HOME/scheduler/scheduler.db</c> (by default <c>~/.local/share/scheduler/scheduler.db</c>).
/// Either of the first two may be a file path (SQLite) or a <c>postgres://</c> URI (PostgreSQL).
/// </summary>
public static class DatabaseLocation
{
    public const string EnvironmentVariable = "SCHEDULER_DB";

    /// <exception cref="StorageException">A malformed PostgreSQL URI.</exception>
    public static DatabaseTarget Resolve(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(option))
        {
            return DatabaseTarget.Parse(option);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return DatabaseTarget.Parse(fromEnvironment);
        }

        return DatabaseTarget.File(Path.Combine(DataHome(environment), "scheduler", "scheduler.db"));
    }

    /// <summary><c>$XDG_DATA_HOME</c>, else <c>~/.local/share</c>.</summary>
    private static string DataHome(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
    }
}
