using System.CommandLine;
using Scheduler.Storage;

namespace Scheduler.Cli;

/// <summary>The <c>--db</c> option every storing command shares, and opening the database it names.</summary>
internal static class Database
{
    public static Option<string?> Option() => new("--db")
    {
        Description = $"The database file (default: ${DatabaseLocation.EnvironmentVariable}, else ~/.local/share/scheduler/scheduler.db).",
    };

    /// <summary>Opens the database, or prints why it cannot be used and returns null (exit code 2 for the caller).</summary>
    public static async Task<SchedulerDatabase?> OpenAsync(CliContext context, string? option)
    {
        var path = DatabaseLocation.Resolve(option, Environment.GetEnvironmentVariable);
        try
        {
            return SchedulerDatabase.Open(path, context.Time);
        }
        catch (StorageException ex)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Who is acting, for the audit log.</summary>
    public static string Actor => $"cli:{Environment.UserName}";
}
