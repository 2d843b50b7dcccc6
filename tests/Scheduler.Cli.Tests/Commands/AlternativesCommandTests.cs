using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary><c>plan --alternatives K</c>: near-equal plans shown against the best and written beside it, each a plan file <c>verify</c> accepts.</summary>
public class AlternativesCommandTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-alternatives-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Plan_Alternatives_AreShownAgainstTheBestAndWrittenBesideItAndEachVerifies()
    {
        var json = Path.Combine(_directory, "plan.json");

        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--out", json, "--no-save", "--alternatives", "2", "--within", "0.02", "--min-difference", "1", "--time-limit", "20");

        var first = await CliRun.InProcessAsync("verify", "scenarios/demo.json", Path.Combine(_directory, "plan.alt-1.json"));
        var second = await CliRun.InProcessAsync("verify", "scenarios/demo.json", Path.Combine(_directory, "plan.alt-2.json"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Match(@"\nAlternative 1: Objective -?\d+(\.\d+)? \(-?\d+(\.\d+)?%\); (\d+ releases? of \d+ titles? move|changes the mode of )"));
            Assert.That(result.Output, Does.Contain("\nAlternative 2: "));
            Assert.That(result.Error, Does.Contain($"Alternative 2 written to {Path.Combine(_directory, "plan.alt-2.json")}."));
            Assert.That((first.ExitCode, second.ExitCode), Is.EqualTo((ExitCodes.Ok, ExitCodes.Ok)), first.Error + second.Error);
            Assert.That(File.ReadAllText(Path.Combine(_directory, "plan.alt-1.json")), Is.Not.EqualTo(File.ReadAllText(json)));
        }
    }

    [Test]
    public async Task Plan_AlternativesWithADatabase_StoresEachAsARunNamingThePlansRun()
    {
        var database = Path.Combine(_directory, "runs.db");

        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", database, "--alternatives", "2", "--within", "0.02", "--min-difference", "1", "--time-limit", "5");

        var runs = await CliRun.InProcessAsync("runs", "--db", database, "--json");
        using var listed = System.Text.Json.JsonDocument.Parse(runs.Output);
        var rows = listed.RootElement.EnumerateArray().Select(r => (r.GetProperty("id").GetInt64(), r.GetProperty("alternativeOf").ValueKind == System.Text.Json.JsonValueKind.Null ? (long?)null : r.GetProperty("alternativeOf").GetInt64(), r.GetProperty("hasPlan").GetBoolean())).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Error, Does.Contain("Run 1 stored in"));
            Assert.That(rows, Is.EqualTo(new[] { (3L, (long?)1L, true), (2L, (long?)1L, true), (1L, (long?)null, true) }));
        }
    }

    [Test]
    public async Task Plan_WithinWithoutAlternatives_IsRefused()
    {
        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--no-save", "--within", "0.01");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.Contain("--within and --min-difference apply to --alternatives."));
        }
    }
}
