using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests;

public class DatabaseCopyTests
{
    // From each kind into the other, so that values written by one dialect are read back by the other.
    private static IEnumerable<TestCaseData> Directions()
    {
        yield return new TestCaseData(DatabaseKind.Sqlite, DatabaseKind.Postgres).SetArgDisplayNames("sqlite to postgres");
        yield return new TestCaseData(DatabaseKind.Postgres, DatabaseKind.Sqlite).SetArgDisplayNames("postgres to sqlite");
    }

    [TestCaseSource(nameof(Directions))]
    public async Task CopyAsync_IntoAnEmptyDatabase_KeepsEveryRowIdPublicationAndTokenAndCountsMatch(DatabaseKind from, DatabaseKind to)
    {
        using var sourceDatabase = new TestDatabase(from);
        using var targetDatabase = new TestDatabase(to);
        await using var source = await sourceDatabase.OpenAsync();
        await DemoRuns.AdoptAsync(source, aDrops: 2);
        var drops = await source.Publications.PlanOfRecordDropsAsync();
        await source.Publications.TryPublishAsync(drops[0], drops[0].PublishAt, "{\"n\":1}", "1:first", "node-a");
        await source.Publications.TryPublishAsync(drops[1], drops[1].PublishAt, "{\"n\":2}", "1:second", "node-b");
        var secret = await source.Tokens.AddAsync("alice", TokenRole.Planner, "cli:admin");
        await source.Tokens.AddAsync("bob", TokenRole.Viewer, "cli:admin");
        await source.Tokens.RevokeAsync("bob", "cli:admin");

        await using var target = await targetDatabase.OpenAsync();
        var counts = await DatabaseCopy.CopyAsync(source, target);
        var next = await target.Runs.StoreAsync(DemoRuns.Run(null, null, "{ \"name\": \"After the copy\" }"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(counts.Where(c => c.Source != c.Target), Is.Empty);
            Assert.That(counts.Single(c => c.Table == "publications").Target, Is.EqualTo(2));
            Assert.That(counts.Single(c => c.Table == "release_drops").Target, Is.GreaterThan(0));
            Assert.That(await target.Publications.PlanOfRecordDropsAsync(), Is.EqualTo(await source.Publications.PlanOfRecordDropsAsync()));
            Assert.That(await target.Notifications.AllAsync(), Is.EqualTo(await source.Notifications.AllAsync()));
            Assert.That(await target.PlanOfRecord.AuditAsync(), Is.EqualTo(await source.PlanOfRecord.AuditAsync()));
            Assert.That(counts.Single(c => c.Table == "api_tokens").Target, Is.EqualTo(2));
            Assert.That(await target.Tokens.ListAsync(), Is.EqualTo(await source.Tokens.ListAsync()));
            Assert.That(await target.Tokens.FindBySecretAsync(secret), Is.EqualTo(new ActiveToken("alice", TokenRole.Planner)), "the secret goes on working");
            Assert.That((await target.Runs.FindAsync(1))!.PlanJson, Is.EqualTo((await source.Runs.FindAsync(1))!.PlanJson));
            Assert.That(next, Is.EqualTo((await source.Runs.ListAsync(100)).Max(r => r.Id) + 1), "new ids follow the copied ones");
        }
    }

    [Test]
    public async Task CopyAsync_IntoADatabaseThatHoldsRuns_IsRefusedAndChangesNothing()
    {
        using var sourceDatabase = new TestDatabase(DatabaseKind.Sqlite);
        using var targetDatabase = new TestDatabase(DatabaseKind.Postgres);
        await using var source = await sourceDatabase.OpenAsync();
        await DemoRuns.AdoptAsync(source);
        await using var target = await targetDatabase.OpenAsync();
        await target.Runs.StoreAsync(DemoRuns.Run(null, null));

        var ex = Assert.ThrowsAsync<StorageException>(() => DatabaseCopy.CopyAsync(source, target));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo($"'{target.Display}' already holds scenarios or runs; copy into a database that holds none."));
            Assert.That(await target.Runs.ListAsync(100), Has.Count.EqualTo(1));
        }
    }
}
