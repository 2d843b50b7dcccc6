using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

/// <summary>The record of runs: stored whole, found and listed again as they were stored.</summary>
[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class RunArchiveTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [TestCase(1)]
    [TestCase(3)]
    public async Task StoreAsync_ThenFind_GivesThePlanFileBackByteForByte(int aDrops)
    {
        var (plan, json) = DemoRuns.Plan(aDrops);
        await using var database = await Database.OpenAsync();

        var id = await database.Runs.StoreAsync(DemoRuns.Run(plan, json));
        var stored = (await database.Runs.FindAsync(id))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.PlanJson, Is.EqualTo(json));
            Assert.That(PlanJson.Read(stored.PlanJson!).Releases, Is.EqualTo(plan.Releases));
            Assert.That(await database.Runs.ReleaseCountAsync(id), Is.EqualTo(plan.Releases.Length));
            Assert.That(stored.Verified, Is.True);
            Assert.That((stored.State, stored.RequestedBy, stored.Progress), Is.EqualTo((RunState.Done, (string?)null, (string?)null)));
        }
    }

    [TestCase(1, 0)]
    [TestCase(3, 4)]
    public async Task StoreAsync_PlanWithDrops_StoresARowOnlyForEachDropAfterAPremiere(int aDrops, long dropRows)
    {
        var (plan, json) = DemoRuns.Plan(aDrops);
        await using var database = await Database.OpenAsync();

        var id = await database.Runs.StoreAsync(DemoRuns.Run(plan, json));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await database.Runs.ReleaseCountAsync(id), Is.EqualTo(4));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM release_drops"), Is.EqualTo(dropRows));
        }
    }

    [Test]
    public async Task StoreAsync_SameScenarioTwice_StoresTheDocumentOnce()
    {
        var (plan, json) = DemoRuns.Plan();
        await using var database = await Database.OpenAsync();

        var first = await database.Runs.StoreAsync(DemoRuns.Run(plan, json));
        var second = await database.Runs.StoreAsync(DemoRuns.Run(null, null));

        var firstRun = (await database.Runs.FindAsync(first))!;
        var secondRun = (await database.Runs.FindAsync(second))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstRun.ScenarioId, Is.EqualTo(secondRun.ScenarioId));
            Assert.That(secondRun.Messages, Is.EqualTo(new[] { "titles 'a' and 'b' are both pinned to 2027-03-05" }));
            Assert.That(await database.Runs.ReleaseCountAsync(second), Is.Zero);
        }
    }

    [Test]
    public async Task ListAsync_ThreeRuns_ListsTheNewestFirstWithinTheLimit()
    {
        var (plan, json) = DemoRuns.Plan();
        await using var database = await Database.OpenAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await database.Runs.StoreAsync(DemoRuns.Run(i == 1 ? null : plan, i == 1 ? null : json)));
        }

        var runs = await database.Runs.ListAsync(2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs.Select(r => r.Id), Is.EqualTo(new[] { ids[2], ids[1] }));
            Assert.That(runs.Select(r => (r.Verified, r.Adopted, r.Status)), Is.EqualTo(new[] { (true, false, PlanStatuses.Optimal), (false, false, PlanStatuses.Infeasible) }));
            Assert.That((runs[0].CreatedAt, runs[0].StartedAt, runs[0].FinishedAt), Is.EqualTo((DemoRuns.Start, (Instant?)DemoRuns.Start, (Instant?)(DemoRuns.Start + Duration.FromSeconds(2)))), "a stored run is created when it began");
            Assert.That(await database.Runs.FindAsync(ids[2] + 1), Is.Null);
        }
    }
}
