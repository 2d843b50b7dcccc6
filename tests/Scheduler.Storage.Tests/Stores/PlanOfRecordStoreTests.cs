using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class PlanOfRecordStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task AdoptAsync_TwoRunsInTurn_PointsAtTheLastAndAuditsBoth()
    {
        var (plan, json) = DemoRuns.Plan();
        await using var database = await Database.OpenAsync();
        var first = await database.Runs.StoreAsync(DemoRuns.Run(plan, json));
        var second = await database.Runs.StoreAsync(DemoRuns.Run(plan, json));

        await database.PlanOfRecord.AdoptAsync(first, "cli:planner");
        await database.PlanOfRecord.AdoptAsync(second, "cli:planner");

        var audit = await database.PlanOfRecord.AuditAsync();
        var runs = await database.Runs.ListAsync(10);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await database.PlanOfRecord.CurrentAsync(), Is.EqualTo(second));
            Assert.That(audit.Select(a => (a.Action, a.RunId, a.Actor)), Is.EqualTo(new[] { (AuditAction.Adopt, (long?)first, "cli:planner"), (AuditAction.Adopt, (long?)second, "cli:planner") }));
            Assert.That(runs.Single(r => r.Adopted).Id, Is.EqualTo(second));
        }
    }

    [Test]
    public async Task StampAsync_SameRunAdoptedAgainLater_Changes()
    {
        await using var database = await Database.OpenAsync();
        var before = await database.PlanOfRecord.StampAsync();
        var run = await DemoRuns.AdoptAsync(database);
        var first = await database.PlanOfRecord.StampAsync();
        await Task.Delay(5);

        await database.PlanOfRecord.AdoptAsync(run, "test", AuditAction.Replan, "0 moves");

        var second = await database.PlanOfRecord.StampAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.Null);
            Assert.That(first, Does.StartWith($"{run}@"));
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That((await database.PlanOfRecord.AuditAsync())[^1].Details, Is.EqualTo("0 moves"));
        }
    }
}
