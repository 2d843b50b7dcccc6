using System.Text.Json.Nodes;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

public class ReplanCommandTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "replan.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-replan-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>A new version of the demo scenario, changed by <paramref name="change"/>.</summary>
    private async Task<string> DemoVersionAsync(Action<JsonObject> change)
    {
        var demo = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios", "demo.json")))!.AsObject();
        change(demo);
        var path = Path.Combine(_directory, $"demo-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, demo.ToJsonString());
        return path;
    }

    private static JsonObject Title(JsonObject demo, string id) => demo["titles"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!.AsObject();

    [Test]
    public async Task Replan_NewerScenarioVersion_DryRunShowsTheMovesAndTheRealRunAdoptsThem()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--adopt");
        var newer = await DemoVersionAsync(d =>
        {
            Title(d, "kitchen-wars")["preferred"] = "2027-04-30";
            Title(d, "kitchen-wars")["delayCostPerWeek"] = 0.2;
        });
        var submitted = await CliRun.InProcessAsync("submit", newer, "--db", Db);

        var dryRun = await CliRun.InProcessAsync("replan", "--db", Db, "--as-of", "2027-03-10", "--dry-run");
        int runsAfterDryRun;
        await using (var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System))
        {
            runsAfterDryRun = (await database.Runs.ListAsync(10)).Count;
        }

        var real = await CliRun.InProcessAsync("replan", "--db", Db, "--as-of", "2027-03-10");

        await using var check = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(submitted.ExitCode, Is.EqualTo(ExitCodes.Ok), submitted.Error);
            Assert.That(dryRun.ExitCode, Is.EqualTo(ExitCodes.Ok), dryRun.Error);
            Assert.That(dryRun.Output, Does.Contain("kitchen-wars in us: 2027-05-07 -> 2027-04-30"));
            Assert.That(runsAfterDryRun, Is.EqualTo(1));
            Assert.That(real.ExitCode, Is.EqualTo(ExitCodes.Ok), real.Error);
            Assert.That(await check.PlanOfRecord.CurrentAsync(), Is.EqualTo(2));
            Assert.That((await check.PlanOfRecord.AuditAsync())[^1].Action, Is.EqualTo(AuditAction.Replan));
        }
    }

    [Test]
    public async Task Replan_Infeasible_IsStoredWithItsReasonAndLeavesThePlanOfRecord()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--adopt");
        var squeezed = await DemoVersionAsync(d =>
        {
            d["capacity"]!["perDay"] = 1;
            Title(d, "kitchen-wars")["pinned"] = "2027-04-16";
            Title(d, "glasshouse-part-2")["pinned"] = "2027-04-16";
        });
        await CliRun.InProcessAsync("submit", squeezed, "--db", Db);

        var result = await CliRun.InProcessAsync("replan", "--db", Db, "--as-of", "2027-03-01");

        await using var check = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Infeasible), result.Output + result.Error);
            Assert.That(await check.PlanOfRecord.CurrentAsync(), Is.EqualTo(1));
            Assert.That((await check.Runs.ListAsync(10))[0].Status, Is.EqualTo("infeasible"));
            Assert.That(result.Error, Does.Contain("the plan of record (run 1) stays"));
        }
    }

    [Test]
    public async Task Replan_WithoutPlanOfRecord_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("replan", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo("There is no plan of record to replan: adopt a run first.\n"));
        }
    }

    [Test]
    public async Task Submit_ValidScenario_IsStoredForTheNextReplanAndInvalidOneIsRefused()
    {
        var valid = await CliRun.InProcessAsync("submit", "scenarios/demo.json", "--db", Db);
        var invalid = await CliRun.InProcessAsync("submit", "scenarios/invalid/sequel-cycle.json", "--db", Db);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(valid.ExitCode, Is.EqualTo(ExitCodes.Ok), valid.Error);
            Assert.That(valid.Output, Does.StartWith("Scenario 'Demo: spring 2027' stored (document 1, sha256 "));
            Assert.That(await database.Scenarios.NewestAsync("Demo: spring 2027"), Is.Not.Null);
            Assert.That((await database.Scenarios.FindAsync(1))!.SubmittedBy, Is.EqualTo($"cli:{Environment.UserName}"));
            Assert.That(
                (await database.PlanOfRecord.AuditAsync()).Select(e => (e.Actor, e.Action, e.Details)),
                Is.EqualTo(new[] { ($"cli:{Environment.UserName}", AuditAction.ScenarioSave, "scenario 1 (Demo: spring 2027)") }));
            Assert.That(invalid.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(await database.Scenarios.NewestAsync("Invalid example"), Is.Null);
        }
    }
}
