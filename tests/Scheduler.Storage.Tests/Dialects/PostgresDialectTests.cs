using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Dialects;

/// <summary>What only PostgreSQL has: a server to reach, and the mark table that makes a database ours.</summary>
public class PostgresDialectTests() : DatabaseTest(DatabaseKind.Postgres)
{
    [Test]
    public async Task OpenAsync_NewDatabase_MarksItAsSchedulersWithTheSchemaVersion()
    {
        await (await Database.OpenAsync()).DisposeAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.ScalarAsync<string>("SELECT application || ' ' || version FROM scheduler_schema"), Is.EqualTo("scheduler 13"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM scheduler_schema"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task OpenAsync_DatabaseWithOnlyAnotherApplicationsSequence_IsRefusedAndLeftUntouched()
    {
        await Database.ExecuteAsync("CREATE SEQUENCE invoice_numbers");

        var ex = Assert.ThrowsAsync<StorageException>(Database.OpenAsync);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{Database.Target.Display}' is a PostgreSQL database of another application, not of Scheduler; it was left untouched."));
            Assert.That(await Database.TablesAsync(), Is.Empty);
        }
    }

    [Test]
    public async Task OpenAsync_DatabaseWhoseMarkNamesAnotherApplication_IsRefusedAndLeftUntouched()
    {
        await Database.ExecuteAsync("CREATE TABLE scheduler_schema (application TEXT PRIMARY KEY, version BIGINT NOT NULL); INSERT INTO scheduler_schema VALUES ('payroll', 1);");

        var ex = Assert.ThrowsAsync<StorageException>(Database.OpenAsync);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.StartWith($"'{Database.Target.Display}' is a PostgreSQL database of another application"));
            Assert.That(await Database.TablesAsync(), Is.EqualTo(new[] { "scheduler_schema" }));
            Assert.That(await Database.ScalarAsync<string>("SELECT application FROM scheduler_schema"), Is.EqualTo("payroll"));
        }
    }

    [Test]
    public void OpenAsync_DatabaseThatDoesNotExist_SaysItCannotConnectWithoutThePassword()
    {
        var target = DatabaseTarget.Parse($"postgres://postgres:s3cret@127.0.0.1:{SharedPostgres.Server.Port}/no_suchDatabase");

        var ex = Assert.ThrowsAsync<StorageException>(() => SchedulerDatabase.OpenAsync(target, TimeProvider.System));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.StartWith($"Cannot connect to 'postgres://postgres@127.0.0.1:{SharedPostgres.Server.Port}/no_suchDatabase': "));
            Assert.That(ex.Message, Does.Contain("no_suchDatabase\" does not exist"));
            Assert.That(ex.Message, Does.Not.Contain("s3cret"));
        }
    }
}
