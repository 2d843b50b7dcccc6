using System.Globalization;
using Scheduler.Storage;

namespace Scheduler.Cli;

/// <summary>
/// A database that does not answer just now (<see cref="DatabaseFaults.IsTransient"/>): a server
/// down or restarting, a file another process holds locked past the busy timeout. Not the user's
/// mistake nor Scheduler's: the user is told when it was seen, why, and to try again
/// (<see cref="ExitCodes.Unavailable"/>). What the command had under way in a transaction was rolled back.
/// </summary>
internal static class DatabaseUnavailable
{
    /// <summary>The sentence for a database that does not answer, or null when <paramref name="exception"/> is something else.</summary>
    public static string? Describe(Exception exception, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!DatabaseFaults.IsTransient(exception))
        {
            return null;
        }

        var at = time.GetUtcNow().ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return $"The database is unreachable (at {at}): {Reason(exception).TrimEnd('.')}. "
            + "Any change under way was rolled back; run the command again when the database answers.";
    }

    // A StorageException names the database it could not reach; a driver's fault says what happened innermost.
    private static string Reason(Exception exception)
    {
        if (exception is StorageException)
        {
            return exception.Message;
        }

        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message;
    }
}
