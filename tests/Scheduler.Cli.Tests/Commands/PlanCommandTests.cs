using System.Text.Json;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

public class PlanCommandTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-plan-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Plan_Demo_WritesVerifiedPlanJsonAndCsv()
    {
        var json = Path.Combine(_directory, "plan.json");
        var csv = Path.Combine(_directory, "plan.csv");

        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--out", json, "--csv", csv, "--threads", "1", "--gap", "0");

        using var plan = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = plan.RootElement;
        var releases = root.GetProperty("releases").GetArrayLength();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Match(@"Solver: or-tools cp-sat 9\.15, optimal, objective [0-9.]+, bound [0-9.]+, gap 0%"));
            Assert.That(root.GetProperty("solver").GetProperty("engine").GetString(), Is.EqualTo("or-tools cp-sat 9.15"));
            Assert.That(root.GetProperty("solver").GetProperty("status").GetString(), Is.EqualTo("optimal"));
            Assert.That(root.GetProperty("scenario").GetProperty("name").GetString(), Is.EqualTo("Demo: spring 2027"));
            Assert.That(root.GetProperty("titles").GetArrayLength(), Is.EqualTo(8));
            Assert.That(File.ReadAllLines(csv), Has.Length.EqualTo(releases + 1));
            Assert.That(File.ReadAllLines(csv)[0], Is.EqualTo("title,region,date,publishAt,mode,value,drops,dropDates,format"));
        });
    }

    [Test]
    public async Task Plan_WrittenPlan_PassesVerifyAndFailsOnceEditedByHand()
    {
        var json = Path.Combine(_directory, "plan.json");
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--out", json, "--threads", "1");

        var valid = await CliRun.InProcessAsync("verify", "scenarios/demo.json", json);
        var text = await File.ReadAllTextAsync(json);
        var pinned = "\"title\": \"harbor-lights-s2\",\n      \"region\": \"us\",\n      \"date\": \"2027-03-19\"";
        Assert.That(text, Does.Contain(pinned), "the demo pins harbor-lights-s2 to 2027-03-19");
        await File.WriteAllTextAsync(json, text.Replace(pinned, pinned.Replace("2027-03-19", "2027-03-26", StringComparison.Ordinal), StringComparison.Ordinal));
        var edited = await CliRun.InProcessAsync("verify", "scenarios/demo.json", json);

        Assert.Multiple(() =>
        {
            Assert.That(valid.ExitCode, Is.EqualTo(ExitCodes.Ok), valid.Error);
            Assert.That(edited.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(edited.Error, Does.Contain("rule 8: title 'harbor-lights-s2' is pinned to 2027-03-19 in 'us' but released on 2027-03-26"));
        });
    }

    [Test]
    public async Task Plan_DemoAtItsDefaultGap_IsFeasibleWithItsGapRatherThanOptimal()
    {
        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--json", "--no-save");

        using var plan = JsonDocument.Parse(result.Output);
        var solver = plan.RootElement.GetProperty("solver");
        var gap = solver.GetProperty("gap").GetDouble();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(gap, Is.GreaterThan(1e-6).And.LessThanOrEqualTo(0.001), "the demo's default gap of 0.1% stops short of a proof");
            Assert.That(solver.GetProperty("status").GetString(), Is.EqualTo("feasible"));
        });
    }

    [Test]
    public async Task Plan_Json_PrintsThePlanContract()
    {
        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--json", "--threads", "1");

        using var plan = JsonDocument.Parse(result.Output);
        var solver = plan.RootElement.GetProperty("solver");
        var kpis = plan.RootElement.GetProperty("kpis");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(solver.GetProperty("objective").GetDouble(), Is.EqualTo(kpis.GetProperty("objective").GetDouble()));
            Assert.That(plan.RootElement.GetProperty("generatedAt").GetString(), Does.EndWith("Z"));
            Assert.That(plan.RootElement.GetProperty("releases")[0].GetProperty("publishAt").GetString(), Does.EndWith("Z"));
        });
    }

    [Test]
    public async Task Plan_InfeasibleScenario_ExitsThreeAndWritesNothing()
    {
        var scenario = Path.Combine(_directory, "squeeze.json");
        await File.WriteAllTextAsync(scenario, """
            {
              "name": "Squeeze",
              "horizon": { "start": "2027-03-01", "end": "2027-03-31" },
              "regions": [ { "id": "us", "name": "United States", "timeZone": "America/New_York", "audience": 1 } ],
              "titles": [
                { "id": "a", "name": "A", "genres": ["drama"], "demand": 10, "pinned": "2027-03-05" },
                { "id": "b", "name": "B", "genres": ["drama"], "demand": 10, "pinned": "2027-03-05" }
              ],
              "capacity": { "perDay": 1 }
            }
            """);
        var output = Path.Combine(_directory, "plan.json");

        var result = await CliRun.InProcessAsync("plan", scenario, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Infeasible));
            Assert.That(result.Error, Does.StartWith("Scenario 'Squeeze' cannot be planned"));
            Assert.That(File.Exists(output), Is.False);
        });
    }

    [Test]
    public async Task Plan_InvalidScenario_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("plan", "scenarios/invalid/sequel-cycle.json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
    }

    [Test]
    public async Task Plan_GreedyEngine_ReportsAHeuristicPlan()
    {
        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--engine", "greedy");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Contain("Solver: greedy, heuristic"));
        });
    }

    [Test]
    public async Task Plan_NegativeTimeLimit_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--time-limit", "-1");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.Contain("--time-limit must be greater than 0."));
        });
    }

    [Test]
    public async Task ExportModel_Lp_WritesReadableNamesAndRealCoefficients()
    {
        var path = Path.Combine(_directory, "demo.lp");

        var result = await CliRun.InProcessAsync("export-model", "scenarios/demo.json", "--format", "lp", "--out", path);

        var text = await File.ReadAllTextAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(text, Does.Contain("g(ember_road)(2027_04_09)"));
            Assert.That(text, Does.Contain("once(harbor_lights_s2)(us)"));
            Assert.That(text, Does.Match(@"\d+\.\d+ g\(ember_road\)\(2027_04_09\)"), "the objective keeps its real coefficients");
        });
    }

    [Test]
    public async Task ExportModel_CpSat_WritesTheModelAsTextProto()
    {
        var path = Path.Combine(_directory, "demo.txt");

        var result = await CliRun.InProcessAsync("export-model", "scenarios/demo.json", "--format", "cpsat", "--out", path);

        var text = await File.ReadAllTextAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(text, Does.Contain("name: \"g(ember_road)(2027_04_09)\""));
            Assert.That(text, Does.Contain("exactly_one"));
            Assert.That(text, Does.Contain("objective {"));
        });
    }

    [Test]
    public async Task ExportModel_Mps_CountsMatchThePrintedSize()
    {
        var path = Path.Combine(_directory, "demo.mps");

        var result = await CliRun.InProcessAsync("export-model", "scenarios/demo.json", "--format", "mps", "--out", path);

        var lines = await File.ReadAllLinesAsync(path);
        var rows = lines.SkipWhile(l => l != "ROWS").Skip(1).TakeWhile(l => l.StartsWith(' ')).Count();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Match(@"Wrote .+: (\d+) variables, (\d+) constraints"));
            Assert.That(rows, Is.GreaterThan(1), "the objective row and the constraint rows");
        });
    }

    [Test]
    public async Task Generate_ThenValidate_IsValid()
    {
        var path = Path.Combine(_directory, "synthetic.json");

        var generated = await CliRun.InProcessAsync("generate", "--titles", "25", "--regions", "4", "--years", "1", "--seed", "9", "--out", path);
        var validated = await CliRun.InProcessAsync("validate", path);

        Assert.Multiple(() =>
        {
            Assert.That(generated.ExitCode, Is.EqualTo(ExitCodes.Ok), generated.Error);
            Assert.That(validated.ExitCode, Is.EqualTo(ExitCodes.Ok), validated.Error);
            Assert.That(validated.Output, Does.Contain("25 titles, 4 regions"));
        });
    }

    [TestCase("INT")]
    [TestCase("TERM")]
    public async Task Plan_InterruptedWhileSolving_ExitsWithinASecondAndWritesNothing(string signal)
    {
        var scenario = Path.Combine(_directory, "large.json");
        var output = Path.Combine(_directory, "plan.json");
        await CliRun.InProcessAsync("generate", "--titles", "300", "--regions", "16", "--years", "2", "--release-days", "2", "--out", scenario);

        // Signalled once the large-neighbourhood search runs (this slate is too large for the whole
        // model), so that the interrupt lands in the middle of re-optimizing neighbourhoods.
        var (result, exitAfterSignal) = await CliRun.InterruptedProcessAsync(
            signal, "neighbourhoods", "plan", scenario, "--gap", "0", "--out", output, "--progress");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Interrupted), result.Error);
            Assert.That(result.Error, Does.Contain("Interrupted: nothing was written."));
            Assert.That(exitAfterSignal, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { scenario }));
        });
    }

    /// <summary>The generator's XL at low contention with two release days a week: 701,570 candidates by the count, which need 200 MB for the process, 1 GB for the search and 250 bytes each, more than 800 MB.</summary>
    internal const string TooLargeMessage =
        "Scenario 'Synthetic 1000x30x2 seed 2027 low contention' implies 701,570 candidate releases (titles x regions x allowed dates), which need about 1,391 MB of memory; planning may use 800 MB (--max-memory, else what this process may use). "
        + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter).";

    internal static async Task<string> GenerateTooLargeAsync(string directory)
    {
        var scenario = Path.Combine(directory, "too-large.json");
        var generated = await CliRun.InProcessAsync("generate", "--titles", "1000", "--regions", "30", "--years", "2", "--seed", "2027", "--contention", "low", "--release-days", "2", "--out", scenario);
        Assert.That(generated.ExitCode, Is.EqualTo(ExitCodes.Ok), generated.Error);
        return scenario;
    }

    [Test]
    public async Task Plan_MaxMemoryNotASize_Exits2NamingTheOption()
    {
        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--no-save", "--max-memory", "lots");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.Contain("--max-memory must be a size such as 4GB or 1536MB, not 'lots'."));
        }
    }

    [Test]
    public async Task Plan_CandidatesNeedingMoreThanTheMemoryLimit_Exits2NamingTheSizeAndWritesAndStoresNothing()
    {
        var scenario = await GenerateTooLargeAsync(_directory);
        var db = Path.Combine(_directory, "runs.db");

        var result = await CliRun.InProcessAsync(
            "plan", scenario, "--max-memory", "800MB", "--db", db, "--out", Path.Combine(_directory, "plan.json"), "--csv", Path.Combine(_directory, "plan.csv"), "--report", Path.Combine(_directory, "plan.html"));

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), result.Error);
            Assert.That(result.Error, Is.EqualTo(TooLargeMessage + "\n"));
            Assert.That(result.Output, Is.Empty);
            Assert.That(Directory.GetFiles(_directory, "plan.*"), Is.Empty);
            Assert.That(await database.Runs.ListAsync(10), Is.Empty);
        }
    }

    [Test]
    public void ExitCodes_Interrupted_IsDistinctFromEveryOther()
    {
        Assert.That(new[] { ExitCodes.Ok, ExitCodes.InternalError, ExitCodes.InvalidInput, ExitCodes.Infeasible, ExitCodes.NoSolution }, Does.Not.Contain(ExitCodes.Interrupted));
    }
}
