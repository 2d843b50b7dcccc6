using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using Scheduler.Cli.Tests.Support;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

public class ServeCommandTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "serve.db");

    private string Sink => Path.Combine(_directory, "publications.jsonl");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-serve-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>A plan of record whose <paramref name="count"/> releases all fell due a minute ago.</summary>
    private async Task AdoptOverduePlanAsync(int count)
    {
        var due = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1);
        var titles = Enumerable.Range(1, count).Select(i => $"t{i:000}").ToList();
        var plan = new Plan(
            new PlanScenario("Burst", "0", null),
            due,
            new PlanSolver("test", PlanStatuses.Optimal, 0, 0, 0, 0, 0, 0),
            new PlanKpis(0, 0, 0, 0, count, count, 0),
            [.. titles.Select(t => new TitlePlan(t, true, PlanModes.Staggered, null, 0))],
            [.. titles.Select((t, i) => new ReleasePlan(t, "us", due.InUtc().Date, due + Duration.FromMilliseconds(i), 1))]);
        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        var run = await database.Runs.StoreAsync(NewRun.ForVerifiedPlan(plan, "{}"u8.ToArray(), RunTrigger.Cli, due, due));
        await database.PlanOfRecord.AdoptAsync(run, "test");
    }

    private Process StartServe()
        => Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(TestContext.CurrentContext.TestDirectory, "scheduler.dll"), "serve", "--db", Db, "--sink", Sink, "--replan-cron", "none" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    private string[] SinkLines() => File.Exists(Sink) ? File.ReadAllLines(Sink) : [];

    private async Task<int> PublishedAsync()
    {
        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        return (await database.Publications.PlanOfRecordDropsAsync()).Count(r => r.PublishedAt is not null);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < limit)
        {
            await Task.Delay(50);
        }
    }

    [Test]
    public async Task Serve_KilledDuringABurstOfDuePublications_LosesAndDuplicatesNoneAfterRestart()
    {
        await AdoptOverduePlanAsync(300);

        using (var first = StartServe())
        {
            await WaitUntilAsync(() => SinkLines().Length >= 20, TimeSpan.FromSeconds(60));
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var publishedBeforeRestart = await PublishedAsync();
        using (var second = StartServe())
        {
            await WaitUntilAsync(() => SinkLines().Length >= 300, TimeSpan.FromSeconds(120));
            await Task.Delay(500);
            using var term = Process.Start("kill", ["-TERM", second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term!.WaitForExitAsync();
            await second.WaitForExitAsync();
        }

        var keys = SinkLines().Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("idempotencyKey").GetString()).ToList();
        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(publishedBeforeRestart, Is.InRange(20, 300), "the first process was killed in the middle of the burst");
            Assert.That(await PublishedAsync(), Is.EqualTo(300));
            Assert.That(keys, Has.Count.EqualTo(300));
            Assert.That(keys.Distinct().Count(), Is.EqualTo(300));
            Assert.That((await database.Notifications.AllAsync()).Select(n => n.Status).Distinct(), Is.EqualTo(new[] { NotificationStatus.Delivered }));
            Assert.That(await database.IntegrityCheckAsync(), Is.EqualTo("ok"));
        }
    }

    [Test]
    public async Task Status_Json_ListsThePlanOfRecordWithUtcAndLocalInstants()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--adopt");

        var result = await CliRun.InProcessAsync("status", "--db", Db, "--json");

        using var json = JsonDocument.Parse(result.Output);
        var rows = json.RootElement.GetProperty("releases").EnumerateArray().ToList();
        var uk = rows.First(r => r.GetProperty("region").GetString() == "uk");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(json.RootElement.GetProperty("planOfRecord").GetInt64(), Is.EqualTo(1));
            Assert.That(rows, Has.Count.EqualTo(23));
            Assert.That(rows.Select(r => r.GetProperty("state").GetString()).Distinct(), Is.EqualTo(new[] { "upcoming" }));
            Assert.That(uk.GetProperty("publishAt").GetString(), Does.EndWith("Z"));
            Assert.That(uk.GetProperty("publishAtLocal").GetString(), Is.EqualTo("2027-03-12T08:00+00:00 GMT"));
        }
    }

    [Test]
    public async Task Status_Pages_SayWhichDropsTheyShowAndHowToSeeTheNext()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--adopt");

        var first = await CliRun.InProcessAsync("status", "--db", Db, "--limit", "5");
        var last = await CliRun.InProcessAsync("status", "--db", Db, "--state", "upcoming", "--offset", "20", "--limit", "5");
        var counts = await CliRun.InProcessAsync("status", "--db", Db, "--limit", "0");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Output, Does.StartWith("Plan of record: run 1. 23 upcoming, 0 published, 0 late, 0 failed.\n").And.EndWith("Drops 1 to 5 of 23; --offset 5 lists the next.\n"));
            Assert.That(first.Output.Split('\n').Count(l => l.Contains(" upcoming ", StringComparison.Ordinal)), Is.EqualTo(5));
            Assert.That(last.Output, Does.EndWith("Drops 21 to 23 of 23.\n"));
            Assert.That(last.Output.Split('\n').Count(l => l.Contains(" upcoming ", StringComparison.Ordinal)), Is.EqualTo(3));
            Assert.That(counts.Output, Is.EqualTo("Plan of record: run 1. 23 upcoming, 0 published, 0 late, 0 failed.\n"));
        }
    }

    [Test]
    public async Task Serve_BadCron_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("serve", "--db", Db, "--replan-cron", "every night");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.StartWith("--replan-cron: 'every night' is not a Quartz cron expression"));
        }
    }
}
