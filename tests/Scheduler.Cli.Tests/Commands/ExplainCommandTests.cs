using System.Text.Json;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

public class ExplainCommandTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "explain.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-explain-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Explain_StoredRun_BreaksTheValueDownAndRulesOutTheBetterDate()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db);

        var result = await CliRun.InProcessAsync("explain", "1", "--db", Db, "--title", "starfall-protocol", "--json");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        var april9 = root.GetProperty("alternatives").EnumerateArray().Single(a => a.GetProperty("date").GetString() == "2027-04-09");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(root.GetProperty("region").GetString(), Is.EqualTo("us"));
            Assert.That(root.GetProperty("factors").GetProperty("timing").GetDouble(), Is.LessThan(1));
            Assert.That(april9.GetProperty("ruledOutBy").EnumerateArray().Select(r => r.GetString()), Does.Contain("capacity full in us on 2027-04-09: ember-road, the-back-nine (perDay 2)"));
        });
    }

    [Test]
    public async Task Explain_PlanFileWithoutScenario_ExitsTwo()
    {
        var plan = Path.Combine(_directory, "plan.json");
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--no-save", "--out", plan);

        var result = await CliRun.InProcessAsync("explain", plan, "--title", "ember-road");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo("A plan file needs --scenario FILE, the scenario it was made for.\n"));
        });
    }
}
