using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Cli.Tests.Support;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>The storing commands against a PostgreSQL database named by a URI, on a throw-away server.</summary>
public class PostgresCommandsTests : PostgresCliTest
{
    /// <summary>plan, adopt, status and runs against <paramref name="db"/>; the outputs of status and runs.</summary>
    private static async Task<(CliResult Plan, CliResult Adopt, CliResult Status, CliResult StatusJson, CliResult Runs)> PlanAndAdoptAsync(string db)
    {
        var plan = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--engine", "greedy", "--db", db);
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--engine", "greedy", "--variant", "one-release-per-day", "--db", db);
        var adopt = await CliRun.InProcessAsync("adopt", "1", "--db", db);
        var status = await CliRun.InProcessAsync("status", "--db", db);
        var statusJson = await CliRun.InProcessAsync("status", "--json", "--db", db);
        var runs = await CliRun.InProcessAsync("runs", "--json", "--db", db);
        return (plan, adopt, status, statusJson, runs);
    }

    /// <summary>The runs listing without the instants the runs finished at, which differ from one database to the other.</summary>
    private static string WithoutTimes(string runsJson)
    {
        var runs = JsonNode.Parse(runsJson)!.AsArray();
        foreach (var run in runs)
        {
            foreach (var time in new[] { "createdAt", "startedAt", "finishedAt" })
            {
                run!.AsObject().Remove(time);
            }
        }

        return runs.ToJsonString();
    }

    [Test]
    public async Task PlanAdoptStatusRuns_PostgresUri_WorkAndAnswerAsOnAnSqliteFile()
    {
        var uri = Server.Uri(Server.CreateDatabase());

        var postgres = await PlanAndAdoptAsync(uri);
        var sqlite = await PlanAndAdoptAsync(Path.Combine(Folder, "scheduler.db"));

        using var status = JsonDocument.Parse(postgres.StatusJson.Output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(postgres.Plan.ExitCode, Is.EqualTo(ExitCodes.Ok), postgres.Plan.Error);
            Assert.That(postgres.Plan.Error, Does.Contain($"Run 1 stored in {uri}."));
            Assert.That(postgres.Adopt.Output, Is.EqualTo("Run 1 is now the plan of record.\n"), postgres.Adopt.Error);
            Assert.That(postgres.Status.ExitCode, Is.EqualTo(ExitCodes.Ok), postgres.Status.Error);
            Assert.That(postgres.Status.Output, Does.StartWith("Plan of record: run 1. "));
            Assert.That(status.RootElement.GetProperty("planOfRecord").GetInt64(), Is.EqualTo(1));
            Assert.That(status.RootElement.GetProperty("releases").GetArrayLength(), Is.Positive);
            Assert.That(postgres.StatusJson.Output, Is.EqualTo(sqlite.StatusJson.Output));
            Assert.That(postgres.Status.Output, Is.EqualTo(sqlite.Status.Output));
            Assert.That(WithoutTimes(postgres.Runs.Output), Is.EqualTo(WithoutTimes(sqlite.Runs.Output)));
            Assert.That(JsonNode.Parse(postgres.Runs.Output)!.AsArray().Select(r => r!["id"]!.GetValue<long>()), Is.EqualTo(new long[] { 2, 1 }));
        }
    }

    [Test]
    public async Task Runs_MalformedPostgresUri_IsRefusedWithoutThePassword()
    {
        var result = await CliRun.InProcessAsync("runs", "--db", "postgres://planner:s3cret@127.0.0.1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo("The database URI 'postgres://planner:***@127.0.0.1' names no database; the form is postgres://user:password@host:port/database.\n"));
        }
    }

    [Test]
    public async Task Status_PostgresDatabaseOfAnotherApplication_IsRefusedAndLeftUntouched()
    {
        var database = Server.CreateDatabase();
        await using (var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString(database)))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand("CREATE TABLE invoices (id INTEGER PRIMARY KEY)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var result = await CliRun.InProcessAsync("status", "--db", Server.Uri(database));

        await using var check = new Npgsql.NpgsqlConnection(Server.ConnectionString(database));
        await check.OpenAsync();
        await using var tables = new Npgsql.NpgsqlCommand("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'", check);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo($"'{Server.Uri(database)}' is a PostgreSQL database of another application, not of Scheduler; it was left untouched.\n"));
            Assert.That(await tables.ExecuteScalarAsync(), Is.EqualTo("invoices"));
        }
    }

    [Test]
    public async Task Serve_PostgresDatabaseWithOverdueDrops_PublishesEachOnceAcrossARestart()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        var sink = Path.Combine(Folder, "publications.jsonl");
        var due = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1);
        var titles = Enumerable.Range(1, 20).Select(i => $"t{i:00}").ToList();
        var plan = new Plan(
            new PlanScenario("Overdue", "0", null),
            due,
            new PlanSolver("test", PlanStatuses.Optimal, 0, 0, 0, 0, 0, 0),
            new PlanKpis(0, 0, 0, 0, titles.Count, titles.Count, 0),
            [.. titles.Select(t => new TitlePlan(t, true, PlanModes.Staggered, null, 0))],
            [.. titles.Select((t, i) => new ReleasePlan(t, "us", due.InUtc().Date, due + Duration.FromMilliseconds(i), 1))]);
        await using (var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System))
        {
            await database.PlanOfRecord.AdoptAsync(await database.Runs.StoreAsync(NewRun.ForVerifiedPlan(plan, "{}"u8.ToArray(), RunTrigger.Cli, due, due)), "test");
        }

        for (var start = 0; start < 2; start++)
        {
            using var serve = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(TestContext.CurrentContext.TestDirectory, "scheduler.dll"), "serve", "--db", uri, "--sink", sink, "--replan-cron", "none" },
                Environment = { ["XDG_DATA_HOME"] = Folder },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var clock = Stopwatch.StartNew();
            while ((!File.Exists(sink) || File.ReadAllLines(sink).Length < titles.Count) && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }

            await Task.Delay(500);
            using var term = Process.Start("kill", ["-TERM", serve.Id.ToString(CultureInfo.InvariantCulture)]);
            await term!.WaitForExitAsync();
            await serve.WaitForExitAsync();
        }

        var keys = File.ReadAllLines(sink).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("idempotencyKey").GetString()).ToList();
        await using var check = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        var drops = await check.Publications.PlanOfRecordDropsAsync();
        var notifications = await check.Notifications.AllAsync();
        await using var raw = new Npgsql.NpgsqlConnection(Server.ConnectionString(uri[(uri.LastIndexOf('/') + 1)..]));
        await raw.OpenAsync();
        await using var quartzTables = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'qrtz%'", raw);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(keys, Has.Count.EqualTo(titles.Count));
            Assert.That(keys, Is.Unique);
            Assert.That(drops.Select(d => d.PublishedAt), Has.All.Not.Null);
            Assert.That(notifications.Select(n => n.Status).Distinct(), Is.EqualTo(new[] { NotificationStatus.Delivered }));
            Assert.That((long)(await quartzTables.ExecuteScalarAsync())!, Is.GreaterThan(0), "Quartz keeps its tables in the same database");
            Assert.That(Directory.Exists(Path.Combine(Folder, "scheduler")), Is.False, "and no file of its own");
        }
    }

    [Test]
    public async Task DbCopy_SqliteFileIntoPostgres_AnswersAsTheFileDidAndRefusesASecondCopy()
    {
        var file = Path.Combine(Folder, "scheduler.db");
        var uri = Server.Uri(Server.CreateDatabase());
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", file, "--adopt", "--threads", "1");

        var copy = await CliRun.InProcessAsync("db", "copy", "--from", file, "--to", uri);
        var again = await CliRun.InProcessAsync("db", "copy", "--from", file, "--to", uri);
        var before = await CliRun.InProcessAsync("status", "--db", file, "--json");
        var after = await CliRun.InProcessAsync("status", "--db", uri, "--json");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(copy.ExitCode, Is.EqualTo(ExitCodes.Ok), copy.Error);
            Assert.That(copy.Output, Does.Contain("runs                   1 ->        1"));
            Assert.That(copy.Output, Does.EndWith($"Copied '{file}' into '{uri}'; every table counts the same on both sides.\n"));
            Assert.That(after.Output, Is.EqualTo(before.Output));
            Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(again.Error, Is.EqualTo($"'{uri}' already holds scenarios or runs; copy into a database that holds none.\n"));
        }
    }
}
