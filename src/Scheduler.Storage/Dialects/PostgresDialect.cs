using System.Data.Common;
using Dapper;
using Npgsql;

namespace Scheduler.Storage.Dialects;

/// <summary>
/// A PostgreSQL database. It is ours when it holds the <c>scheduler_schema</c> row that the first
/// migration writes, which also records the schema version. A database with other tables and
/// without that mark belongs to another application, and one of a newer version was written by a
/// newer Scheduler: both are refused without a change, as on SQLite.
/// </summary>
internal sealed class PostgresDialect : IDatabaseDialect
{
    /// <summary>The advisory lock migrations take: "SCHD", as SQLite's application id.</summary>
    private const long MigrationLock = SqliteDialect.ApplicationId;

    private const string Application = "scheduler";

    private static readonly Lazy<MigrationScripts> Scripts = new(() => MigrationScripts.Load("postgres"));

    public static PostgresDialect Instance { get; } = new();

    public int LatestVersion => Scripts.Value.Latest;

    public string EpochMilliseconds(string column) => $"CAST(round(EXTRACT(EPOCH FROM CAST({column} AS timestamptz)) * 1000) AS BIGINT)";

    public async Task<DbConnection> OpenAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = new NpgsqlConnection(target.PostgresConnectionString(Application));
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                throw new StorageException($"Cannot connect to '{target.Display}': {ex.Message}", ex);
            }

            var version = await CheckIdentityAsync(connection, target, cancellationToken).ConfigureAwait(false);
            await MigrateAsync(connection, version, cancellationToken: cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<int> SchemaVersionAsync(DbConnection connection, CancellationToken cancellationToken = default)
        => await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false) ?? 0;

    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // A plain transaction: what must happen once (a publication) is guarded by a primary key
        // and ON CONFLICT DO NOTHING, which waits for a concurrent insert of the same key to end.
        return await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PostgreSQL reports a failed statement at once and keeps the transaction, aborted, until the rollback: nothing to look for.</summary>
    public void EnsureTransactionAlive(DbConnection connection)
    {
    }

    /// <summary>PostgreSQL checks its pages itself (and amcheck needs an extension and a superuser); there is nothing honest to run here.</summary>
    public Task<string?> IntegrityCheckAsync(DbConnection connection, CancellationToken cancellationToken = default)
        => Task.FromResult<string?>(null);

    /// <summary>
    /// Applies the migrations newer than <paramref name="current"/>, each in a transaction that
    /// first takes an advisory lock and reads the version again, so that two processes opening a
    /// new database at once migrate it once: the second waits, then finds the work done.
    /// <paramref name="upTo"/> stops at an older version (a database as an older Scheduler left it, for tests).
    /// </summary>
    public static async Task MigrateAsync(DbConnection connection, int current, int upTo = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var (version, sql) in Scripts.Value.After(current, upTo))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@MigrationLock)", new { MigrationLock }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if ((await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) ?? 0) < version)
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE scheduler_schema SET version = @version WHERE application = @Application",
                    new { version = (long)version, Application },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <returns>The schema version of a database of ours, or 0 for a new, empty one.</returns>
    private static async Task<int> CheckIdentityAsync(DbConnection connection, DatabaseTarget target, CancellationToken cancellationToken)
    {
        // Tables, views and sequences outside the system schemas: any of them, without our mark,
        // means the database is in use by something else.
        var objects = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (objects == 0)
        {
            return 0;
        }

        var version = await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            throw new StorageException($"'{target.Display}' is a PostgreSQL database of another application, not of Scheduler; it was left untouched.");
        }

        if (version > Scripts.Value.Latest)
        {
            throw new StorageException(
                $"'{target.Display}' was written by a newer version of Scheduler (schema {version}; this version knows up to {Scripts.Value.Latest}); it was left untouched.");
        }

        return version.Value;
    }

    /// <returns>The version in our mark, or null when the database has no mark of ours.</returns>
    private static async Task<int?> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var marked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('scheduler_schema') IS NOT NULL", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (!marked)
        {
            return null;
        }

        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT version FROM scheduler_schema WHERE application = @Application",
            new { Application },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return version is null ? null : (int)version.Value;
    }
}
