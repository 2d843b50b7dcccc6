using Microsoft.Data.Sqlite;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Dialects;

/// <summary>What only an SQLite file can be: not SQLite at all, and refused byte for byte untouched.</summary>
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
}
