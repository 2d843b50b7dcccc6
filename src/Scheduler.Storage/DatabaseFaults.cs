using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.Storage;

/// <summary>
/// Tells a database fault that passes (a server restarting or unreachable for a while, a file
/// another process holds locked) from one that no retry mends (a foreign database, a newer schema,
/// a statement that is wrong). Asked by everything that retries: the serve node's loops, Quartz's
/// job store, the CLI's messages.
/// </summary>
public static class DatabaseFaults
{
    // SQLite's result codes for a file another connection holds.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>True when <paramref name="exception"/>, or what it wraps, is a fault that passes.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var fault = exception; fault is not null; fault = fault.InnerException)
        {
            switch (fault)
            {
                case PostgresException postgres:
                    return IsTransientState(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Drops the idle pooled PostgreSQL connections of this process (Scheduler's and Quartz's), and
    /// has those in use closed when they come back: after a server restart each of them is broken
    /// and would fail once, each failure telling of an outage that is over.
    /// </summary>
    public static void ForgetPooledConnections() => NpgsqlConnection.ClearAllPools();

    /// <summary>
    /// The server's own answers that pass: a connection lost or refused (class 08), a server short of
    /// resources (53), shut down or starting (57P01 to 57P03), and two that a retry resolves: a
    /// serialization failure and a deadlock (40001, 40P01), a lock not available now (55P03).
    /// </summary>
    private static bool IsTransientState(string state)
        => state.StartsWith("08", StringComparison.Ordinal)
            || state.StartsWith("53", StringComparison.Ordinal)
            || state is "57P01" or "57P02" or "57P03" or "40001" or "40P01" or "55P03";
}
