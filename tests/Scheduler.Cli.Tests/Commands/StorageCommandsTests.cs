using System.Diagnostics;
using System.Text.Json;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

public class StorageCommandsTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "runs.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-storage-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static long RunId(CliResult result)
        => long.Parse(System.Text.RegularExpressions.Regex.Match(result.Error, @"Run (\d+) stored in").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Plan_StoresItsRun_AndExportGivesBackThePlanFileByteForByte()
    {
        var written = Path.Combine(_directory, "plan.json");
        var exported = Path.Combine(_directory, "exported.json");

        var plan = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--out", written);
        var export = await CliRun.InProcessAsync("export", RunId(plan).ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Db, "--out", exported);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.ExitCode, Is.EqualTo(ExitCodes.Ok), plan.Error);
            Assert.That(export.ExitCode, Is.EqualTo(ExitCodes.Ok), export.Error);
            Assert.That(File.ReadAllBytes(exported), Is.EqualTo(File.ReadAllBytes(written)));
        }
    }

    [Test]
    public async Task Runs_Json_ListsNewestFirstWithTheContractFields()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--engine", "greedy");
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--variant", "one-release-per-day", "--adopt");

        var result = await CliRun.InProcessAsync("runs", "--db", Db, "--json");

        using var json = JsonDocument.Parse(result.Output);
        var runs = json.RootElement.EnumerateArray().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs.Select(r => r.GetProperty("id").GetInt64()), Is.EqualTo(new long[] { 2, 1 }));
            Assert.That(runs[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "scenario", "variant", "trigger", "state", "status", "objective", "gap", "createdAt", "startedAt", "finishedAt", "adopted", "requestedBy", "hasPlan", "alternativeOf" }));
            Assert.That(runs[0].GetProperty("variant").GetString(), Is.EqualTo("one-release-per-day"));
            Assert.That(runs[0].GetProperty("adopted").GetBoolean(), Is.True);
            Assert.That(runs[1].GetProperty("status").GetString(), Is.EqualTo("heuristic"));
            Assert.That(runs[1].GetProperty("trigger").GetString(), Is.EqualTo("cli"));
            Assert.That(runs[1].GetProperty("hasPlan").GetBoolean(), Is.True, "the greedy baseline's plan is a plan");
        }
    }

    [Test]
    public async Task Runs_QueuedAndCancelledRuns_ShowTheirStateWithoutAVerificationVerdict()
    {
        var done = RunId(await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--engine", "greedy"));
        long queued;
        await using (var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System))
        {
            var scenarioId = (await database.Runs.FindAsync(done))!.ScenarioId;
            queued = await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, null, RunTrigger.Api) { RequestedBy = "token:alice" });
            var cancelled = await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, null, RunTrigger.Api) { RequestedBy = "token:alice" });
            await database.SolveQueue.EndAsync(cancelled, RunState.Cancelled, ["cancelled by token:alice"]);
        }

        var result = await CliRun.InProcessAsync("runs", "--db", Db);
        var show = await CliRun.InProcessAsync("show", queued.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Contain(" queued ").And.Contain(" cancelled ").And.Contain(" heuristic "));
            Assert.That(result.Output, Does.Not.Contain("failed verification"));
            Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(show.Error, Is.EqualTo($"Run {queued} has no verified plan (status queued).\n"));
        }
    }

    [Test]
    public async Task Adopt_VerifiedRun_SwitchesThePlanOfRecordAndAuditsIt()
    {
        var first = RunId(await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--adopt"));
        var second = RunId(await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--engine", "greedy"));

        var result = await CliRun.InProcessAsync("adopt", second.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Db);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Is.EqualTo($"Run {second} is now the plan of record.\n"));
            Assert.That(await database.PlanOfRecord.CurrentAsync(), Is.EqualTo(second));
            Assert.That((await database.PlanOfRecord.AuditAsync()).Select(a => a.RunId), Is.EqualTo(new long?[] { first, second }));
        }
    }

    [Test]
    public async Task Adopt_InfeasibleOrUnknownRun_IsRefused()
    {
        var scenario = Path.Combine(_directory, "squeeze.json");
        await File.WriteAllTextAsync(scenario, """
            { "name": "Squeeze", "horizon": { "start": "2027-03-01", "end": "2027-03-31" },
              "regions": [ { "id": "us", "name": "United States", "timeZone": "America/New_York", "audience": 1 } ],
              "titles": [ { "id": "a", "name": "A", "genres": ["drama"], "demand": 10, "pinned": "2027-03-05" },
                          { "id": "b", "name": "B", "genres": ["drama"], "demand": 10, "pinned": "2027-03-05" } ],
              "capacity": { "perDay": 1 } }
            """);
        var infeasible = RunId(await CliRun.InProcessAsync("plan", scenario, "--db", Db));

        var refused = await CliRun.InProcessAsync("adopt", infeasible.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Db);
        var unknown = await CliRun.InProcessAsync("adopt", "42", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(refused.Error, Does.StartWith($"Run {infeasible} has no verified plan (status infeasible"));
            Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(unknown.Error, Is.EqualTo($"There is no run 42 in {Db}.\n"));
        }
    }

    [Test]
    public async Task Show_SeededRun_SaysWhatMadeItAndHowToMakeItAgain_AndDoingSoGivesTheSamePlan()
    {
        var scenario = Path.Combine(_directory, "slate.json");
        var generate = await CliRun.InProcessAsync("generate", "--titles", "200", "--regions", "12", "--years", "1", "--seed", "7", "--contention", "high", "--out", scenario);
        Assert.That(generate.ExitCode, Is.EqualTo(ExitCodes.Ok), generate.Error);
        var first = await CliRun.InProcessAsync("plan", scenario, "--db", Db, "--seed", "5", "--threads", "1", "--time-limit", "3", "--json");
        var run = RunId(first).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = Path.Combine(_directory, "stored.json");

        var show = await CliRun.InProcessAsync("show", run, "--db", Db, "--scenario", stored);
        var again = await CliRun.InProcessAsync("plan", stored, "--seed", "5", "--threads", "1", "--time-limit", "3", "--json", "--no-save");

        using var firstPlan = JsonDocument.Parse(first.Output);
        using var secondPlan = JsonDocument.Parse(again.Output);
        var lines = show.Output.Split('\n');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(show.ExitCode, Is.EqualTo(ExitCodes.Ok), show.Error);
            Assert.That(File.ReadAllBytes(stored), Is.EqualTo(File.ReadAllBytes(scenario)), "the scenario exactly as stored");
            Assert.That(lines[1], Does.Match(@"^Made by cp-sat \(OR-Tools 9\.15\.\d+, Scheduler .+\), seed 5, 1 thread, time limit 3 s, gap 0\.001; input fingerprint [0-9a-f]{64}\.$"));
            Assert.That(lines[2], Is.EqualTo($"Repeatable: scheduler show {run} --scenario scenario.json, then scheduler plan scenario.json --time-limit 3 --gap 0.001 --threads 1 --seed 5 gives the same releases, objective and bound (with the same OR-Tools and Scheduler versions)."));
            Assert.That(secondPlan.RootElement.GetProperty("releases").GetRawText(), Is.EqualTo(firstPlan.RootElement.GetProperty("releases").GetRawText()));
            Assert.That(secondPlan.RootElement.GetProperty("kpis").GetRawText(), Is.EqualTo(firstPlan.RootElement.GetProperty("kpis").GetRawText()));
            Assert.That(secondPlan.RootElement.GetProperty("solver").GetProperty("bound").GetDouble(), Is.EqualTo(firstPlan.RootElement.GetProperty("solver").GetProperty("bound").GetDouble()));
        }
    }

    [Test]
    public async Task Show_RunWithoutASeed_SaysItIsNotRepeatable()
    {
        var run = RunId(await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--time-limit", "5"));

        var show = await CliRun.InProcessAsync("show", run.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Db);

        Assert.That(show.Output.Split('\n')[2], Is.EqualTo("Not repeatable as it ran: without a seed and one thread its limits were counted on the wall clock; plan with --seed S --threads 1 for a repeatable run."));
    }

    [Test]
    public async Task Show_Csv_PrintsTheStoredReleases()
    {
        var run = RunId(await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db));

        var result = await CliRun.InProcessAsync("show", run.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", Db, "--csv");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(24));
        }
    }

    [Test]
    public async Task Plan_NoSave_StoresNothing()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--no-save");

        Assert.That(File.Exists(Db), Is.False);
    }

    [Test]
    public async Task Plan_DatabaseThatIsNotOurs_ExitsTwoAndLeavesItUntouched()
    {
        await File.WriteAllTextAsync(Db, "not a database");

        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo($"'{Db}' is not a Scheduler database (it is not an SQLite file); it was left untouched.\n"));
            Assert.That(File.ReadAllText(Db), Is.EqualTo("not a database"));
        }
    }

    [Test]
    public async Task Plan_TwoProcessesStoringAtOnce_BothSucceed()
    {
        var plans = Enumerable.Range(0, 2)
            .Select(_ => CliRun.ProcessAsync("plan", "scenarios/global-slate-2027.json", "--engine", "greedy", "--db", Db))
            .ToList();

        var results = await Task.WhenAll(plans);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        var runs = await database.Runs.ListAsync(10);
        var releaseCounts = new List<int>();
        foreach (var run in runs)
        {
            releaseCounts.Add(await database.Runs.ReleaseCountAsync(run.Id));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.ExitCode), Is.EqualTo(new[] { ExitCodes.Ok, ExitCodes.Ok }), string.Join("\n", results.Select(r => r.Error)));
            Assert.That(runs, Has.Count.EqualTo(2));
            Assert.That(releaseCounts, Is.EqualTo(new[] { 491, 491 }));
        }
    }

    [Test]
    public async Task Plan_KilledWhileStoringALargeRun_LeavesAConsistentDatabase()
    {
        var scenario = Path.Combine(_directory, "large.json");
        await CliRun.InProcessAsync("generate", "--titles", "600", "--regions", "30", "--years", "2", "--seed", "2027", "--contention", "low", "--out", scenario);
        var clock = Stopwatch.StartNew();
        var complete = await CliRun.ProcessAsync("plan", scenario, "--engine", "greedy", "--db", Db, "--json");
        var whole = clock.Elapsed;
        Assert.That(complete.ExitCode, Is.EqualTo(ExitCodes.Ok), complete.Error);

        // Kill runs at moments spread over the end of a run, where the store happens.
        foreach (var fraction in new[] { 0.80, 0.85, 0.90, 0.93, 0.96, 0.99 })
        {
            await CliRun.KilledProcessAsync(whole * fraction, "plan", scenario, "--engine", "greedy", "--db", Db, "--json");
        }

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        var runs = await database.Runs.ListAsync(100);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await database.IntegrityCheckAsync(), Is.EqualTo("ok"));
            Assert.That(runs, Is.Not.Empty);
            foreach (var run in runs)
            {
                var expected = System.Text.Json.JsonDocument.Parse((await database.Runs.FindAsync(run.Id))!.PlanJson!).RootElement.GetProperty("releases").GetArrayLength();
                Assert.That(await database.Runs.ReleaseCountAsync(run.Id), Is.EqualTo(expected), $"run {run.Id} is incomplete");
            }
        }
    }
}
