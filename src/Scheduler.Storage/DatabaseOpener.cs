using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Scheduler.Storage;

/// <summary>
/// Opens the database file, refusing — without changing a byte — a file that is not a Scheduler
/// database or was written by a newer version; then sets WAL mode and the busy timeout and
/// applies any pending migrations.
/// </summary>
internal static class DatabaseOpener
{
    /// <summary>"SCHD": marks the file as this product's (<c>PRAGMA application_id</c>).</summary>
    public const int ApplicationId = 0x53434844;

    /// <summary>How long a writer waits for another (a planner's CLI and the nightly job) before giving up.</summary>
    private const int BusyTimeoutMilliseconds = 30_000;

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    static DatabaseOpener()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    public static SqliteConnection Open(string path)
    {
        CheckFileKind(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
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

            Migrations.Apply(connection, version);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
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
        finally
        {
            connection.Execute("COMMIT TRANSACTION");
        }

        if (applicationId != ApplicationId)
        {
            if (applicationId != 0 || objects > 0)
            {
                throw new StorageException($"'{path}' is an SQLite database of another application, not of Scheduler; it was left untouched.");
            }

            return 0;
        }

        if (version > Migrations.Latest)
        {
            throw new StorageException(
                $"'{path}' was written by a newer version of Scheduler (schema {version}; this version knows up to {Migrations.Latest}); it was left untouched.");
        }

        return (int)version;
    }
}
