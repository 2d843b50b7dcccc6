namespace Scheduler.Storage;

/// <summary>
/// Where the database lives: <c>--db PATH</c>, else the <c>SCHEDULER_DB</c> environment variable,
/// else <c>$XDG_DATA_HOME/scheduler/scheduler.db</c> (by default <c>~/.local/share/scheduler/scheduler.db</c>).
/// </summary>
public static class DatabaseLocation
{
    public const string EnvironmentVariable = "SCHEDULER_DB";

    public static string Resolve(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var dataHome = environment("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "scheduler", "scheduler.db");
    }
}
