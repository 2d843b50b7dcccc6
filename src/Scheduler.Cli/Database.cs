using System.CommandLine;
using Scheduler.Storage;

namespace Scheduler.Cli;

/// <summary>The <c>--db</c> option every storing command shares, and opening the database it names.</summary>
internal static class Database
{
    public static Option<string?> Option() => new("--db")
    {
        Description = $"The database: an SQLite file path, or a PostgreSQL URI postgres://user:password@host:port/database "
            + $"(default: ${DatabaseLocation.EnvironmentVariable}, else ~/.local/share/scheduler/scheduler.db).",
    };

    /// <summary>Where the database is, or prints why the option cannot be read and returns null (exit code 2 for the caller).</summary>
    public static async Task<DatabaseTarget?> ResolveAsync(CliContext context, string? option)
    {
        try
        {
            return DatabaseLocation.Resolve(option, Environment.GetEnvironmentVariable);
        }
        catch (StorageException ex)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Opens the database, or prints why it cannot be used and returns null (exit code 2 for the caller).</summary>
    public static async Task<SchedulerDatabase?> OpenAsync(CliContext context, string? option, CancellationToken cancellationToken = default)
        => await ResolveAsync(context, option).ConfigureAwait(false) is { } target
            ? await OpenAsync(context, target, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>
    /// Opens the database, or prints why it cannot be used and returns null (exit code 2 for the
    /// caller). One that does not answer just now is no mistake of the user's: that goes to
    /// <see cref="DatabaseUnavailable"/> (exit code 6).
    /// </summary>
    public static async Task<SchedulerDatabase?> OpenAsync(CliContext context, DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SchedulerDatabase.OpenAsync(target, context.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (!DatabaseFaults.IsTransient(ex))
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Who is acting, for the audit log.</summary>
    public static string Actor => $"cli:{Environment.UserName}";

    /// <summary>
    /// True when <paramref name="database"/> can carry solves on the cluster (PostgreSQL); otherwise
    /// prints why not (exit code 2 for the caller).
    /// </summary>
    public static async Task<bool> CheckClusterAsync(CliContext context, SchedulerDatabase database)
    {
        if (database.Target.Kind == DatabaseKind.Postgres)
        {
            return true;
        }

        await context.Error.WriteLineAsync($"--on-cluster needs the cluster's PostgreSQL database (--db postgres://...); {database.Display} is an SQLite file, which only one server uses.").ConfigureAwait(false);
        return false;
    }
}
