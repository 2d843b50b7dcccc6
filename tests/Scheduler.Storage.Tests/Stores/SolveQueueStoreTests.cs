using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

/// <summary>Runs queued, taken by a node, reported on, completed, ended or handed back: each change guarded so that a run is stored once.</summary>
[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class SolveQueueStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task QueueStartReportAndComplete_ApiRun_StoresItsOutcomeAndReleasesAsDone()
    {
        var queuedAt = DateTimeOffset.Parse("2027-03-01T09:00:00Z", CultureInfo.InvariantCulture);
        var clock = new FakeTimeProvider(queuedAt);
        var (plan, json) = DemoRuns.Plan(aDrops: 3);
        await using var database = await SchedulerDatabase.OpenAsync(Database.Target, clock);

        var id = await DemoRuns.QueueAsync(database, "token:alice");
        var queued = (await database.Runs.FindAsync(id))!;
        var listedQueued = (await database.Runs.ListAsync(1)).Single();
        clock.SetUtcNow(queuedAt.AddSeconds(30));
        var attempt = await database.SolveQueue.TakeAsync(id, "node-a");
        var started = attempt is not null;
        var listedRunning = (await database.Runs.ListAsync(1)).Single();
        var reported = await database.SolveQueue.ReportProgressAsync(attempt!, """{"objective":10}""");
        await database.SolveQueue.ReportProgressAsync(attempt!, """{"objective":12}""");
        var running = (await database.Runs.FindAsync(id))!;
        var completed = await database.SolveQueue.CompleteAsync(attempt!, DemoRuns.Run(plan, json) with { Trigger = RunTrigger.Cli });

        var done = (await database.Runs.FindAsync(id))!;
        var listedDone = (await database.Runs.ListAsync(1)).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                (queued.State, queued.Status, queued.Trigger, queued.RequestedBy, queued.Verified, queued.PlanJson, queued.Progress),
                Is.EqualTo((RunState.Queued, "queued", RunTrigger.Api, (string?)"token:alice", false, (string?)null, (string?)null)));
            Assert.That((listedQueued.Id, listedQueued.State, listedQueued.RequestedBy, listedQueued.Engine), Is.EqualTo((id, RunState.Queued, (string?)"token:alice", "")));
            Assert.That((listedQueued.CreatedAt, listedQueued.StartedAt, listedQueued.FinishedAt), Is.EqualTo((Instant.FromDateTimeOffset(queuedAt), (Instant?)null, (Instant?)null)), "a queued run: created at its queuing, not started");
            Assert.That((started, reported), Is.EqualTo((true, true)));
            Assert.That((listedRunning.State, listedRunning.Status), Is.EqualTo((RunState.Running, "running")));
            Assert.That((listedRunning.CreatedAt, listedRunning.StartedAt), Is.EqualTo((Instant.FromDateTimeOffset(queuedAt), (Instant?)Instant.FromDateTimeOffset(queuedAt.AddSeconds(30)))), "created when queued, started when taken");
            Assert.That(running.Progress, Is.EqualTo("""{"objective":12}"""));
            Assert.That((running.Attempt, running.Node), Is.EqualTo((1L, (string?)"node-a")));
            Assert.That(completed, Is.True);
            Assert.That((done.State, done.Status, done.Verified, done.Trigger, done.RequestedBy), Is.EqualTo((RunState.Done, PlanStatuses.Optimal, true, RunTrigger.Api, (string?)"token:alice")));
            Assert.That(done.PlanJson, Is.EqualTo(json));
            Assert.That(await database.Runs.ReleaseCountAsync(id), Is.EqualTo(plan.Releases.Length));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM release_drops WHERE run_id = @id", new { id }), Is.EqualTo(4));
            Assert.That((listedDone.Engine, listedDone.Objective), Is.EqualTo(("test", (double?)plan.Kpis.Objective)));
            Assert.That((listedDone.CreatedAt, listedDone.FinishedAt), Is.EqualTo((Instant.FromDateTimeOffset(queuedAt), (Instant?)(DemoRuns.Start + Duration.FromSeconds(2)))), "created when queued, whatever came after");
            Assert.That(await Database.ScalarAsync<string>("SELECT started_at FROM runs WHERE id = @id", new { id }), Is.EqualTo("2027-03-01T09:00:30Z"));
        }
    }

    [Test]
    public async Task IdsInStateAsync_QueuedRunningAndDoneRuns_GivesEachStateItsRunsOldestFirst()
    {
        var (plan, json) = DemoRuns.Plan();
        await using var database = await Database.OpenAsync();
        var first = await DemoRuns.QueueAsync(database);
        var second = await DemoRuns.QueueAsync(database);
        var third = await DemoRuns.QueueAsync(database);
        await database.SolveQueue.TakeAsync(second, "node-a");
        await database.SolveQueue.CompleteAsync((await database.SolveQueue.TakeAsync(third, "node-a"))!, DemoRuns.Run(plan, json));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await database.SolveQueue.IdsInStateAsync(RunState.Queued), Is.EqualTo(new[] { first }));
            Assert.That(await database.SolveQueue.IdsInStateAsync(RunState.Running), Is.EqualTo(new[] { second }));
            Assert.That(await database.SolveQueue.IdsInStateAsync(RunState.Done), Is.EqualTo(new[] { third }));
        }
    }

    [Test]
    public async Task QueueAsync_WithProgress_ShowsItWhileQueued()
    {
        await using var database = await Database.OpenAsync();
        var scenarioId = (await database.Runs.FindAsync(await DemoRuns.QueueAsync(database)))!.ScenarioId;

        var id = await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, null, RunTrigger.Api) { RequestedBy = "token:alice", Progress = """{"timeLimitSeconds":30}""" });

        Assert.That((await database.Runs.FindAsync(id))!.Progress, Is.EqualTo("""{"timeLimitSeconds":30}"""));
    }

    [Test]
    public async Task CompleteAsync_RunCompletedAlready_ReturnsFalseAndStoresTheReleasesOnce()
    {
        var (plan, json) = DemoRuns.Plan();
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database);
        var attempt = (await database.SolveQueue.TakeAsync(id, "node-a"))!;
        await database.SolveQueue.CompleteAsync(attempt, DemoRuns.Run(plan, json));

        var again = await database.SolveQueue.CompleteAsync(attempt, DemoRuns.Run(null, null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.False);
            Assert.That((await database.Runs.FindAsync(id))!.PlanJson, Is.EqualTo(json));
            Assert.That(await database.Runs.ReleaseCountAsync(id), Is.EqualTo(plan.Releases.Length));
            Assert.That(await database.SolveQueue.EndAsync(id, RunState.Failed, ["too late"]), Is.False, "a done run does not end again");
        }
    }

    [Test]
    public async Task TakeAsync_RunCancelledWhileQueued_ReturnsNullAndTheRunStaysCancelled()
    {
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database);

        var cancelled = await database.SolveQueue.EndAsync(id, RunState.Cancelled, ["cancelled by token:bob"]);
        var started = await database.SolveQueue.TakeAsync(id, "node-a", recovering: true) is not null;
        // The run's own attempt (0, never taken): only its state refuses the report.
        var reported = await database.SolveQueue.ReportProgressAsync(new RunAttempt(id, 0), "{}");

        var run = (await database.Runs.FindAsync(id))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((cancelled, started, reported), Is.EqualTo((true, false, false)));
            Assert.That((run.State, run.Status, run.Progress), Is.EqualTo((RunState.Cancelled, "cancelled", (string?)null)));
            Assert.That(run.Messages, Is.EqualTo(new[] { "cancelled by token:bob" }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM runs WHERE id = @id AND finished_at IS NOT NULL", new { id }), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task CompleteAsync_RunCancelledWhileRunning_ReturnsFalseAndWritesNoReleases()
    {
        var (plan, json) = DemoRuns.Plan(aDrops: 3);
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database);
        var attempt = (await database.SolveQueue.TakeAsync(id, "node-a"))!;
        await database.SolveQueue.EndAsync(id, RunState.Cancelled, []);

        var completed = await database.SolveQueue.CompleteAsync(attempt, DemoRuns.Run(plan, json));

        var run = (await database.Runs.FindAsync(id))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(completed, Is.False);
            Assert.That((run.State, run.Status, run.Verified, run.PlanJson), Is.EqualTo((RunState.Cancelled, "cancelled", false, (string?)null)));
            Assert.That(await database.Runs.ReleaseCountAsync(id), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM release_drops"), Is.Zero);
        }
    }

    [Test]
    public async Task EndAsync_FailedWhileRunning_KeepsEveryMessageAndEndsOnce()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2027-03-01T09:00:00Z", CultureInfo.InvariantCulture));
        await using var database = await SchedulerDatabase.OpenAsync(Database.Target, clock);
        var id = await DemoRuns.QueueAsync(database);
        var attempt = (await database.SolveQueue.TakeAsync(id, "node-a"))!;
        clock.Advance(TimeSpan.FromMinutes(5));

        var failed = await database.SolveQueue.EndAsync(id, RunState.Failed, ["the solver stopped: out of memory", "no plan was found"]);
        var cancelledAfter = await database.SolveQueue.EndAsync(id, RunState.Cancelled, ["too late"]);

        var run = (await database.Runs.FindAsync(id))!;
        var listed = (await database.Runs.ListAsync(1)).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((failed, cancelledAfter), Is.EqualTo((true, false)));
            Assert.That((run.State, run.Status), Is.EqualTo((RunState.Failed, "failed")));
            Assert.That(run.Messages, Is.EqualTo(new[] { "the solver stopped: out of memory", "no plan was found" }));
            Assert.That((listed.CreatedAt, listed.FinishedAt), Is.EqualTo((Instant.FromUtc(2027, 3, 1, 9, 0), (Instant?)Instant.FromUtc(2027, 3, 1, 9, 5))), "an ended run keeps its creation and tells its end");
            Assert.That(await database.SolveQueue.CompleteAsync(attempt, DemoRuns.Run(null, null)), Is.False);
        }
    }

    [Test]
    public async Task TakeAsync_RunningRunTakenOverByARecoveringNode_OnlyTheNewAttemptWritesAndTheRunIsStoredOnce()
    {
        var (plan, json) = DemoRuns.Plan(aDrops: 3);
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database);
        var first = (await database.SolveQueue.TakeAsync(id, "node-a"))!;

        var takenWithoutRecovery = await database.SolveQueue.TakeAsync(id, "node-b");
        var second = (await database.SolveQueue.TakeAsync(id, "node-b", recovering: true))!;
        var oldReport = await database.SolveQueue.ReportProgressAsync(first, "{}");
        var oldCompletion = await database.SolveQueue.CompleteAsync(first, DemoRuns.Run(plan, json));
        var oldEnd = await database.SolveQueue.EndAsync(first, RunState.Failed, ["node-a stopped"]);
        var newReport = await database.SolveQueue.ReportProgressAsync(second, """{"phase":"search"}""");
        var newCompletion = await database.SolveQueue.CompleteAsync(second, DemoRuns.Run(plan, json));

        var run = (await database.Runs.FindAsync(id))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(takenWithoutRecovery, Is.Null, "a running run is taken only from a node taken for dead");
            Assert.That((first.Attempt, second.Attempt), Is.EqualTo((1L, 2L)));
            Assert.That((oldReport, oldCompletion, oldEnd), Is.EqualTo((false, false, false)), "the first attempt can no longer write");
            Assert.That((newReport, newCompletion), Is.EqualTo((true, true)));
            Assert.That((run.State, run.Node, run.Attempt), Is.EqualTo((RunState.Done, (string?)"node-b", 2L)));
            Assert.That(await database.Runs.ReleaseCountAsync(id), Is.EqualTo(plan.Releases.Length));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM release_drops WHERE run_id = @id", new { id }), Is.EqualTo(4));
        }
    }

    [Test]
    public async Task RequeueAsync_RunningUnderItsAttempt_QueuesItForAnotherNodeOnce()
    {
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database);
        var first = (await database.SolveQueue.TakeAsync(id, "node-a"))!;

        var requeued = await database.SolveQueue.RequeueAsync(first);
        var again = await database.SolveQueue.RequeueAsync(first);
        var queued = (await database.Runs.FindAsync(id))!;
        var second = await database.SolveQueue.TakeAsync(id, "node-b");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((requeued, again), Is.EqualTo((true, false)));
            Assert.That((queued.State, queued.Status), Is.EqualTo((RunState.Queued, "queued")));
            Assert.That(second, Is.EqualTo(new RunAttempt(id, 2)));
        }
    }

    [Test]
    public async Task QueueAsync_PartOfAComparison_ListsTheComparisonsRunsBaseFirstWithTheirSettings()
    {
        await using var database = await Database.OpenAsync();
        var scenarioId = (await database.Runs.FindAsync(await DemoRuns.QueueAsync(database)))!.ScenarioId;
        var comparisonId = await database.Comparisons.AddAsync(scenarioId, ["late", "early"], anchored: true, "cli:ann");

        var baseRun = await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, null, RunTrigger.Compare) { ComparisonId = comparisonId, Settings = """{"threads":1}""" });
        var late = await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, "late", RunTrigger.Compare) { ComparisonId = comparisonId });
        await database.SolveQueue.EndAsync(late, RunState.Cancelled, ["no longer wanted"]);

        var comparison = (await database.Comparisons.FindAsync(comparisonId))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((comparison.ScenarioId, comparison.Variants, comparison.Anchored, comparison.RequestedBy), Is.EqualTo((scenarioId, ImmutableArray.Create("late", "early"), true, (string?)"cli:ann")));
            Assert.That(await database.SolveQueue.OfComparisonAsync(comparisonId), Is.EqualTo(new[] { new ComparisonRun(baseRun, null, RunState.Queued), new ComparisonRun(late, "late", RunState.Cancelled) }));
            Assert.That((await database.Runs.FindAsync(baseRun))!.Settings, Is.EqualTo("""{"threads":1}"""));
            Assert.That((await database.Runs.FindAsync(baseRun))!.ComparisonId, Is.EqualTo(comparisonId));
            Assert.That(await database.Comparisons.FindAsync(comparisonId + 100), Is.Null);
        }
    }

    [Test]
    public void QueueAsync_UnknownComparison_IsRefusedWithItsId()
    {
        Assert.That(
            async () =>
            {
                await using var database = await Database.OpenAsync();
                var scenarioId = (await database.Runs.FindAsync(await DemoRuns.QueueAsync(database)))!.ScenarioId;
                await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, null, RunTrigger.Compare) { ComparisonId = 42 });
            },
            Throws.TypeOf<StorageException>().With.Message.EqualTo("Comparison 42 is not in the database."));
    }

    [TestCase(RunState.Done, "done")]
    [TestCase(RunState.Queued, "queued")]
    [TestCase(RunState.Running, "running")]
    public async Task EndAsync_StateThatIsNoEnd_IsRefusedAndChangesNothing(RunState state, string word)
    {
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database);

        var ex = Assert.ThrowsAsync<ArgumentException>(() => database.SolveQueue.EndAsync(id, state, []));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Does.StartWith($"A run ends as 'failed' or 'cancelled', not '{word}'."));
            Assert.That((await database.Runs.FindAsync(id))!.State, Is.EqualTo(RunState.Queued));
        }
    }

    [Test]
    public async Task QueueAsync_ScenarioThatIsNotStored_IsRefused()
    {
        await using var database = await Database.OpenAsync();

        var ex = Assert.ThrowsAsync<StorageException>(() => database.SolveQueue.QueueAsync(new QueuedRun(99, null, RunTrigger.Api) { RequestedBy = "token:alice" }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Message, Is.EqualTo("Scenario 99 is not in the database."));
            Assert.That(await database.Runs.ListAsync(10), Is.Empty);
        }
    }

    [Test]
    public async Task RequestFinish_OnlyARunningRun_IsAskedAndTheFirstAskerIsKept()
    {
        await using var database = await Database.OpenAsync();
        var id = await DemoRuns.QueueAsync(database, "token:alice");

        var whileQueued = await database.SolveQueue.RequestFinishAsync(id, "token:bob");
        var attempt = (await database.SolveQueue.TakeAsync(id, "node-a"))!;
        var before = await database.SolveQueue.FinishRequestedByAsync(attempt);
        var first = await database.SolveQueue.RequestFinishAsync(id, "token:bob");
        var second = await database.SolveQueue.RequestFinishAsync(id, "token:carol");
        var after = await database.SolveQueue.FinishRequestedByAsync(attempt);
        await database.SolveQueue.EndAsync(attempt, RunState.Cancelled, ["test"]);
        var ended = await database.SolveQueue.RequestFinishAsync(id, "token:bob");

        Assert.That((whileQueued, before, first, second, after, ended), Is.EqualTo((false, (string?)null, true, true, (string?)"token:bob", false)));
    }
}
