using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Scheduler.Storage.Tests.Support;

/// <summary>
/// A fresh, empty database of one kind for one test: a file in a temporary folder (deleted on
/// <see cref="Dispose"/>) or a new database on the shared PostgreSQL server. Raw connections
/// reach past the stores, to set up what an older or foreign application left and to check it.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("scheduler-db-").FullName;
    private int _extra;

    public TestDatabase(DatabaseKind kind)
    {
        Kind = kind;
        Target = Fresh();
    }

    /// <summary>The kinds every dialect-independent fixture runs against.</summary>
    public static IEnumerable<DatabaseKind> Kinds => [DatabaseKind.Sqlite, DatabaseKind.Postgres];

    public DatabaseKind Kind { get; }

    public DatabaseTarget Target { get; }

    /// <summary>The folder of the SQLite file (and of anything else a test writes).</summary>
    public string Directory => _directory;

    public Task<SchedulerDatabase> OpenAsync() => SchedulerDatabase.OpenAsync(Target, TimeProvider.System);

    /// <summary>Another fresh, empty database of the same kind.</summary>
    public DatabaseTarget Fresh()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            return DatabaseTarget.Parse(SharedPostgres.Server.Uri(SharedPostgres.Server.CreateDatabase()));
        }

        var name = _extra++ == 0 ? "scheduler.db" : $"scheduler-{_extra}.db";
        return DatabaseTarget.File(Path.Combine(_directory, name));
    }

    /// <summary>A connection to the database that checks nothing and migrates nothing.</summary>
    public async Task<DbConnection> RawAsync()
    {
        DbConnection connection = Kind == DatabaseKind.Postgres
            ? new NpgsqlConnection(SharedPostgres.Server.ConnectionString(Target.Database!))
            : new SqliteConnection($"Data Source={Target.FilePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await RawAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await RawAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>The names of the tables in the database, sorted.</summary>
    public async Task<string[]> TablesAsync()
    {
        await using var connection = await RawAsync();
        var sql = Kind == DatabaseKind.Postgres
            ? "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        return [.. await connection.QueryAsync<string>(sql)];
    }

    /// <summary>The columns of <paramref name="table"/> in order, each as its name and whether it may be null.</summary>
    public async Task<string[]> ColumnsAsync(string table)
    {
        await using var connection = await RawAsync();
        var sql = Kind == DatabaseKind.Postgres
            ? """
              SELECT column_name || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE ' not null' END FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position
              """
            : "SELECT name || CASE WHEN \"notnull\" = 0 AND pk = 0 THEN ' null' ELSE ' not null' END FROM pragma_table_info(@table) ORDER BY cid";
        return [.. await connection.QueryAsync<string>(sql, new { table })];
    }

    /// <summary>Records <paramref name="version"/> as the schema version, as a newer Scheduler would.</summary>
    public Task SetSchemaVersionAsync(int version)
        => Kind == DatabaseKind.Postgres
            ? ExecuteAsync("UPDATE scheduler_schema SET version = @version", new { version = (long)version })
            : ExecuteAsync($"PRAGMA user_version = {version}");

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);
}
