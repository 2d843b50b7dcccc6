using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

/// <summary>Alternatives to a run's plan are stored with it, as done runs that name it, exactly when it is.</summary>
[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class RunAlternativesStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task CompleteWithAlternativesAsync_RunningRun_StoresEachAsADoneRunOfTheSameScenarioAndRequesterNamingIt()
    {
        var (plan, json) = DemoRuns.Plan();
        var (other, otherJson) = DemoRuns.Plan(aDrops: 3);
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database, "token:alice");
        var attempt = (await database.SolveQueue.TakeAsync(id, "node-a"))!;

        var completed = await database.SolveQueue.CompleteWithAlternativesAsync(attempt, DemoRuns.Run(plan, json), [DemoRuns.Run(other, otherJson), DemoRuns.Run(plan, json)]);

        var run = (await database.Runs.FindAsync(id))!;
        var alternatives = new List<StoredRun?>();
        foreach (var alternative in run.Alternatives)
        {
            alternatives.Add(await database.Runs.FindAsync(alternative));
        }

        var listed = await database.Runs.ListAsync(3);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(completed, Is.True);
            Assert.That((run.State, run.AlternativeOf, run.Alternatives.Length), Is.EqualTo((RunState.Done, (long?)null, 2)));
            Assert.That(
                alternatives.Select(a => (a!.State, a.AlternativeOf, a.ScenarioId, a.RequestedBy, a.Verified)),
                Is.All.EqualTo((RunState.Done, (long?)id, run.ScenarioId, (string?)"token:alice", true)));
            Assert.That(alternatives.Select(a => a!.PlanJson), Is.EqualTo(new[] { otherJson, json }), "in the order they were found");
            Assert.That(await database.Runs.ReleaseCountAsync(run.Alternatives[0]), Is.EqualTo(other.Releases.Length));
            Assert.That(listed.Select(r => r.AlternativeOf), Is.EqualTo(new long?[] { id, id, null }));
        }
    }

    [Test]
    public async Task CompleteWithAlternativesAsync_RunCompletedAlready_StoresNoAlternative()
    {
        var (plan, json) = DemoRuns.Plan();
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database);
        var attempt = (await database.SolveQueue.TakeAsync(id, "node-a"))!;
        await database.SolveQueue.CompleteAsync(attempt, DemoRuns.Run(plan, json));

        var again = await database.SolveQueue.CompleteWithAlternativesAsync(attempt, DemoRuns.Run(plan, json), [DemoRuns.Run(plan, json)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.False);
            Assert.That((await database.Runs.FindAsync(id))!.Alternatives, Is.Empty);
            Assert.That(await database.Runs.ListAsync(10), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task StoreWithAlternativesAsync_PlanAndAlternative_StoresBothTheAlternativeNamingThePlan()
    {
        var (plan, json) = DemoRuns.Plan();
        await using var database = await Database.OpenAsync();

        var id = await database.Runs.StoreWithAlternativesAsync(DemoRuns.Run(plan, json), [DemoRuns.Run(plan, json)]);

        var run = (await database.Runs.FindAsync(id))!;
        var alternative = (await database.Runs.FindAsync(run.Alternatives.Single()))!;
        Assert.That((alternative.AlternativeOf, alternative.ScenarioId, alternative.State, alternative.PlanJson), Is.EqualTo(((long?)id, run.ScenarioId, RunState.Done, (string?)json)));
    }
}
