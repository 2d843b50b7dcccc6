using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Scheduler.Storage.Dialects;

/// <summary>
/// An SQLite file. It is ours when <c>PRAGMA application_id</c> is "SCHD"; the schema version is
/// <c>PRAGMA user_version</c>. A file that is not SQLite, an SQLite database of another
/// application, or one of a newer version is refused without a byte changed. Opened in WAL mode
/// with a busy timeout, so that the CLI and the publisher share the file.
/// </summary>
internal sealed class SqliteDialect : IDatabaseDialect
{
    /// <summary>"SCHD": marks the file as this product's (<c>PRAGMA application_id</c>).</summary>
    public const int ApplicationId = 0x53434844;

    /// <summary>How long a writer waits for another (a planner's CLI and the nightly job) before giving up.</summary>
    private const int BusyTimeoutMilliseconds = 30_000;

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    private static readonly Lazy<MigrationScripts> Scripts = new(() => MigrationScripts.Load("sqlite"));

    static SqliteDialect()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    public static SqliteDialect Instance { get; } = new();

    public int LatestVersion => Scripts.Value.Latest;

    public string EpochMilliseconds(string column) => $"CAST(round((julianday({column}) - 2440587.5) * 86400000.0) AS INTEGER)";

    public Task<DbConnection> OpenAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();

        // Microsoft.Data.Sqlite does its work synchronously whatever the method is called; the
        // async shape is the seam's, which PostgreSQL fills for real.
        var path = target.FilePath!;
        CheckFileKind(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString());
        try
        {
            connection.Open();
            connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}"));
            var version = CheckIdentity(connection, path);
            connection.Execute("PRAGMA journal_mode = WAL");
            connection.Execute("PRAGMA foreign_keys = ON");
            connection.Execute("PRAGMA synchronous = NORMAL");
            if (version == 0)
            {
                // Setting the id twice (two processes creating the file at once) is harmless.
                connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId}"));
            }

            Migrate(connection, version);
            return Task.FromResult<DbConnection>(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<int> SchemaVersionAsync(DbConnection connection, CancellationToken cancellationToken = default)
        => (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA user_version", cancellationToken: cancellationToken)).ConfigureAwait(false);

    public Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    public Task<string?> IntegrityCheckAsync(DbConnection connection, CancellationToken cancellationToken = default)
        => connection.ExecuteScalarAsync<string?>(new CommandDefinition("PRAGMA integrity_check", cancellationToken: cancellationToken));

    public void EnsureTransactionAlive(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle;

        // Autocommit inside our transaction means SQLite rolled it back: the connection's last
        // error (SQLITE_FULL, SQLITE_IOERR...) is why.
        if (handle is not null && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)
        {
            var code = SQLitePCL.raw.sqlite3_errcode(handle);
            var message = SQLitePCL.raw.sqlite3_errmsg(handle).utf8_to_string();
            throw new SqliteException($"SQLite Error {code}: '{message}'", code, SQLitePCL.raw.sqlite3_extended_errcode(handle));
        }
    }

    /// <summary>
    /// Applies the migrations newer than <paramref name="current"/>. Each runs in an immediate
    /// transaction that reads the version again, so two processes opening a new file at once
    /// migrate it once: the second waits, then finds the work done. <paramref name="upTo"/> stops
    /// at an older version: a database as an older version of Scheduler left it, to upgrade in a test.
    /// </summary>
    /// <remarks>
    /// A migration may rebuild a table that others refer to (SQLite's documented way to change a
    /// CHECK or a NOT NULL), which needs foreign keys off: dropping the old table would otherwise
    /// delete, or refuse to delete, what refers to it. <c>PRAGMA foreign_keys</c> does nothing
    /// inside a transaction, so it is turned off before BEGIN, every reference is checked before
    /// COMMIT instead, and it is turned on again afterwards, whatever happened.
    /// </remarks>
    /// <exception cref="StorageException">A migration would leave rows that refer to rows that do not exist; it was rolled back.</exception>
    public static void Migrate(SqliteConnection connection, int current, int upTo = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var (version, sql) in Scripts.Value.After(current, upTo))
        {
            connection.Execute("PRAGMA foreign_keys = OFF");
            try
            {
                // BEGIN IMMEDIATE takes the write lock before the version is read again.
                connection.Execute("BEGIN IMMEDIATE TRANSACTION");
                try
                {
                    if (connection.ExecuteScalar<long>("PRAGMA user_version") < version)
                    {
                        connection.Execute(sql);
                        CheckReferences(connection, version);
                        connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}"));
                    }

                    connection.Execute("COMMIT TRANSACTION");
                }
                catch
                {
                    connection.Execute("ROLLBACK TRANSACTION");
                    throw;
                }
            }
            finally
            {
                connection.Execute("PRAGMA foreign_keys = ON");
            }
        }
    }

    /// <summary>What foreign keys would have refused, had they been on during migration <paramref name="version"/>.</summary>
    private static void CheckReferences(SqliteConnection connection, int version)
    {
        // Each row: the referring table, its rowid, the table referred to and the key's index.
        var broken = new SortedSet<string>(StringComparer.Ordinal);
        using (var reader = connection.ExecuteReader("PRAGMA foreign_key_check"))
        {
            while (reader.Read())
            {
                broken.Add($"{reader.GetString(0)} -> {reader.GetString(2)}");
            }
        }

        if (broken.Count > 0)
        {
            throw new StorageException(string.Create(
                CultureInfo.InvariantCulture,
                $"Migration {version} would leave rows that refer to rows that do not exist ({string.Join(", ", broken)}); it was rolled back."));
        }
    }

    private static void CheckFileKind(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }

        var header = new byte[SqliteHeader.Length];
        using (var stream = info.OpenRead())
        {
            stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (!header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new StorageException($"'{path}' is not a Scheduler database (it is not an SQLite file); it was left untouched.");
        }
    }

    /// <returns>The schema version of a database of ours, or 0 for a new, empty one.</returns>
    private static int CheckIdentity(SqliteConnection connection, string path)
    {
        // One read transaction, so that a second process creating the file at the same moment is
        // seen either not at all or as a whole, never half-made (tables without the mark).
        long applicationId, version, objects;
        connection.Execute("BEGIN DEFERRED TRANSACTION");
        try
        {
            applicationId = connection.ExecuteScalar<long>("PRAGMA application_id");
            version = connection.ExecuteScalar<long>("PRAGMA user_version");
            objects = connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master");
        }
        catch
        {
            // A read that failed (a full disk, say) may have ended the transaction already; its own
            // error is the one to report, not a failed rollback's.
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                connection.Execute("ROLLBACK TRANSACTION");
            }

            throw;
        }

        connection.Execute("COMMIT TRANSACTION");

        if (applicationId != ApplicationId)
        {
            if (applicationId != 0 || objects > 0)
            {
                throw new StorageException($"'{path}' is an SQLite database of another application, not of Scheduler; it was left untouched.");
            }

            return 0;
        }

        if (version > Scripts.Value.Latest)
        {
            throw new StorageException(
                $"'{path}' was written by a newer version of Scheduler (schema {version}; this version knows up to {Scripts.Value.Latest}); it was left untouched.");
        }

        return (int)version;
    }
}
