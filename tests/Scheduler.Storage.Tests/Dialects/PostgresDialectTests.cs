using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Dialects;

/// <summary>What only PostgreSQL has: a server to reach, and the mark table that makes a database ours.</summary>
public class PostgresDialectTests
{
    private TestDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = new TestDatabase(DatabaseKind.Postgres);

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task OpenAsync_NewDatabase_MarksItAsSchedulersWithTheSchemaVersion()
    {
        await (await _database.OpenAsync()).DisposeAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await _database.ScalarAsync<string>("SELECT application || ' ' || version FROM scheduler_schema"), Is.EqualTo("scheduler 4"));
            Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM scheduler_schema"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task OpenAsync_DatabaseWithOnlyAnotherApplicationsSequence_IsRefusedAndLeftUntouched()
    {
        await _database.ExecuteAsync("CREATE SEQUENCE invoice_numbers");

        var ex = Assert.ThrowsAsync<StorageException>(_database.OpenAsync);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{_database.Target.Display}' is a PostgreSQL database of another application, not of Scheduler; it was left untouched."));
            Assert.That(await _database.TablesAsync(), Is.Empty);
        }
    }

    [Test]
    public async Task OpenAsync_DatabaseWhoseMarkNamesAnotherApplication_IsRefusedAndLeftUntouched()
    {
        await _database.ExecuteAsync("CREATE TABLE scheduler_schema (application TEXT PRIMARY KEY, version BIGINT NOT NULL); INSERT INTO scheduler_schema VALUES ('payroll', 1);");

        var ex = Assert.ThrowsAsync<StorageException>(_database.OpenAsync);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.StartWith($"'{_database.Target.Display}' is a PostgreSQL database of another application"));
            Assert.That(await _database.TablesAsync(), Is.EqualTo(new[] { "scheduler_schema" }));
            Assert.That(await _database.ScalarAsync<string>("SELECT application FROM scheduler_schema"), Is.EqualTo("payroll"));
        }
    }

    [Test]
    public void OpenAsync_DatabaseThatDoesNotExist_SaysItCannotConnectWithoutThePassword()
    {
        var target = DatabaseTarget.Parse($"postgres://postgres:s3cret@127.0.0.1:{SharedPostgres.Server.Port}/no_such_database");

        var ex = Assert.ThrowsAsync<StorageException>(() => SchedulerDatabase.OpenAsync(target, TimeProvider.System));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.StartWith($"Cannot connect to 'postgres://postgres@127.0.0.1:{SharedPostgres.Server.Port}/no_such_database': "));
            Assert.That(ex.Message, Does.Contain("no_such_database\" does not exist"));
            Assert.That(ex.Message, Does.Not.Contain("s3cret"));
        }
    }
}
