using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests;

[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class SchedulerDatabaseTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task OpenAsync_NewDatabase_AppliesEveryMigration()
    {
        await using var database = await Database.OpenAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(database.SchemaVersion, Is.EqualTo(13));
            Assert.That(database.Display, Is.EqualTo(Database.Target.Display));
            Assert.That(await database.IntegrityCheckAsync(), Kind == DatabaseKind.Sqlite ? Is.EqualTo("ok") : Is.Null);
            Assert.That(await database.Runs.ListAsync(10), Is.Empty);
        }
    }

    [Test]
    public async Task OpenAsync_Again_KeepsTheDataAndTheVersion()
    {
        var (plan, json) = DemoRuns.Plan();
        await using (var first = await Database.OpenAsync())
        {
            await first.Runs.StoreAsync(DemoRuns.Run(plan, json));
        }

        await using var second = await Database.OpenAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.SchemaVersion, Is.EqualTo(13));
            Assert.That(await second.Runs.ListAsync(10), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task OpenAsync_DatabaseFromANewerVersion_IsRefusedAndLeftUntouched()
    {
        await (await Database.OpenAsync()).DisposeAsync();
        await Database.SetSchemaVersionAsync(99);
        var tables = await Database.TablesAsync();

        var ex = Assert.ThrowsAsync<StorageException>(Database.OpenAsync);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{Database.Target.Display}' was written by a newer version of Scheduler (schema 99; this version knows up to 13); it was left untouched."));
            Assert.That(await Database.TablesAsync(), Is.EqualTo(tables));
        }
    }

    [Test]
    public async Task OpenAsync_DatabaseOfAnotherApplication_IsRefusedAndLeftUntouched()
    {
        await Database.ExecuteAsync("CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1);");

        var ex = Assert.ThrowsAsync<StorageException>(Database.OpenAsync);

        var engine = Kind == DatabaseKind.Sqlite ? "an SQLite" : "a PostgreSQL";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{Database.Target.Display}' is {engine} database of another application, not of Scheduler; it was left untouched."));
            Assert.That(await Database.TablesAsync(), Is.EqualTo(new[] { "invoices" }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM invoices"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task OpenAsync_NewDatabaseFromTwoConnectionsAtOnce_MigratesItOnceAndBothSucceed()
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var target = Database.Fresh();
            var opened = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await using var database = await SchedulerDatabase.OpenAsync(target, TimeProvider.System);
                return database.SchemaVersion;
            })));

            Assert.That(opened, Is.EqualTo(new[] { 13, 13 }), $"attempt {attempt}");
        }
    }
}
