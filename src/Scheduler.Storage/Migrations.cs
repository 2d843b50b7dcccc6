using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Scheduler.Storage;

/// <summary>
/// The schema as numbered <c>.sql</c> files embedded in this assembly (<c>0001_initial.sql</c>, ...).
/// The version applied is kept in <c>PRAGMA user_version</c>; each migration and its version bump
/// commit together, so a crash leaves the schema at one version or the next.
/// </summary>
internal static class Migrations
{
    private static readonly Lazy<IReadOnlyList<(int Version, string Sql)>> All = new(Load);

    public static int Latest => All.Value.Count == 0 ? 0 : All.Value[^1].Version;

    /// <summary>
    /// Applies the migrations newer than <paramref name="current"/>. Each runs in an immediate
    /// transaction that reads the version again, so two processes opening a new file at once
    /// migrate it once: the second waits, then finds the work done. <paramref name="upTo"/> stops
    /// at an older version: a database as an older version of Scheduler left it, to upgrade in a test.
    /// </summary>
    public static void Apply(SqliteConnection connection, int current, int upTo = int.MaxValue)
    {
        foreach (var (version, sql) in All.Value.Where(m => m.Version > current && m.Version <= upTo))
        {
            // BEGIN IMMEDIATE takes the write lock before the version is read again.
            connection.Execute("BEGIN IMMEDIATE TRANSACTION");
            try
            {
                if (connection.ExecuteScalar<long>("PRAGMA user_version") < version)
                {
                    connection.Execute(sql);
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
    }

    private static IReadOnlyList<(int Version, string Sql)> Load()
    {
        var assembly = typeof(Migrations).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[(name.LastIndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (Version: int.Parse(file.AsSpan(0, 4), CultureInfo.InvariantCulture), Sql: reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)];
    }
}
