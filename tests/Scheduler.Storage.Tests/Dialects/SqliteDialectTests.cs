using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Scheduler.Storage.Dialects;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Dialects;

/// <summary>
/// What only an SQLite file can be: not SQLite at all, and refused byte for byte untouched; and
/// migrated with foreign keys off, checked before each commit instead.
/// </summary>
public class SqliteDialectTests() : DatabaseTest(DatabaseKind.Sqlite)
{
    private string DatabasePath => Database.Target.FilePath!;

    [Test]
    public void OpenAsync_FileThatIsNotSqlite_IsRefusedAndLeftUntouched()
    {
        File.WriteAllText(DatabasePath, "planner notes, not a database");

        var ex = Assert.ThrowsAsync<StorageException>(Database.OpenAsync);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{DatabasePath}' is not a Scheduler database (it is not an SQLite file); it was left untouched."));
            Assert.That(File.ReadAllText(DatabasePath), Is.EqualTo("planner notes, not a database"));
        }
    }

    [Test]
    public void OpenAsync_SqliteDatabaseOfAnotherApplication_LeavesEveryByteAsItWas()
    {
        using (var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1);";
            create.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(DatabasePath);

        var ex = Assert.ThrowsAsync<StorageException>(Database.OpenAsync);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{DatabasePath}' is an SQLite database of another application, not of Scheduler; it was left untouched."));
            Assert.That(File.ReadAllBytes(DatabasePath), Is.EqualTo(before));
        }
    }

    [Test]
    public void Migrate_NewDatabase_LeavesForeignKeysOn()
    {
        using var connection = OpenRaw();

        SqliteDialect.Migrate(connection, 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(connection.ExecuteScalar<long>("PRAGMA user_version"), Is.EqualTo(13));
            Assert.That(connection.ExecuteScalar<long>("PRAGMA foreign_keys"), Is.EqualTo(1));
        }
    }

    [Test]
    public void Migrate_DatabaseWithARowReferringToNothing_IsRolledBackAndLeavesForeignKeysOn()
    {
        using var connection = OpenRaw();
        SqliteDialect.Migrate(connection, 0, upTo: 4);
        connection.Execute("PRAGMA foreign_keys = OFF");
        connection.Execute("INSERT INTO audit (at, actor, action, run_id) VALUES ('2027-03-01T00:00:00Z', 'test', 'adopt', 99)");

        var ex = Assert.Throws<StorageException>(() => SqliteDialect.Migrate(connection, 4));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo("Migration 5 would leave rows that refer to rows that do not exist (audit -> runs); it was rolled back."));
            Assert.That(connection.ExecuteScalar<long>("PRAGMA user_version"), Is.EqualTo(4));
            Assert.That(connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'api_tokens'"), Is.Zero);
            Assert.That(connection.ExecuteScalar<long>("PRAGMA foreign_keys"), Is.EqualTo(1));
        }
    }

    /// <summary>A connection to the test's file, marked as Scheduler's but not migrated.</summary>
    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {SqliteDialect.ApplicationId}"));
        return connection;
    }
}
