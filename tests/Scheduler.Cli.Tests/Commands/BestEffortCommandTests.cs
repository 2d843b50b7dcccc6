using System.Text.Json.Nodes;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// <c>plan --best-effort</c> (or the scenario's <c>solver.bestEffort</c>) plans the part of a slate
/// that fits: exit 0, a partial plan that lists the titles left out with their reasons, which
/// <c>explain</c> tells again for any of them.
/// </summary>
public class BestEffortCommandTests
{
    // The demo's titles each cost more than a week's budget of 1, but kitchen-wars (1) and the optional the-back-nine (0.5).
    private const string Heading = "Scenario 'Demo: spring 2027' cannot be planned whole; planned with best effort, leaving out 6 titles that must release:\n"
        + "- title harbor-lights-s2 is pinned to launch in week 2027-W11, spending 3 of a marketing budget of 1\n"
        + "- 7 titles (starfall-protocol, ember-road, harbor-lights-s2, little-lanterns, glasshouse-part-1, glasshouse-part-2 and kitchen-wars) "
        + "must launch between weeks 2027-W09 and 2027-W22 and carry 22 of marketing cost; those 14 weeks allow 14 (1 a week)\n";

    private static readonly string[] LeftOut = ["ember-road", "glasshouse-part-1", "glasshouse-part-2", "harbor-lights-s2", "little-lanterns", "starfall-protocol"];

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-best-effort-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private Task<string> DemoAsync(Action<JsonObject> change) => DemoSlates.WriteAsync(_directory, demo =>
    {
        demo["capacity"]!["marketingBudgetPerWeek"] = 1;
        change(demo);
    });

    private static void AssertPartial(CliResult result, string planPath)
    {
        var plan = JsonNode.Parse(File.ReadAllText(planPath))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(result.Error, Does.StartWith(Heading));
            Assert.That((string?)plan["solver"]!["status"], Is.EqualTo("partial"));
            Assert.That(plan["solver"]!["bound"], Is.Null);
            Assert.That(plan["leftOut"]!.AsArray().Select(l => (string)l!["title"]!), Is.EqualTo(LeftOut));
            Assert.That(plan["leftOut"]!.AsArray().Select(l => (string)l!["rule"]!), Has.All.EqualTo("budget"));
            Assert.That(plan["titles"]!.AsArray().Where(t => (bool)t!["scheduled"]!).Select(t => (string)t!["id"]!), Is.EqualTo(new[] { "kitchen-wars", "the-back-nine" }));
            Assert.That(plan["diagnostics"]!["greedyObjective"], Is.Null, "a weighted construction is no plan's objective");
        }
    }

    [Test]
    public async Task PlanBestEffort_SlateOverItsBudget_WritesAPartialPlanListingTheTitlesLeftOut()
    {
        var slate = await DemoAsync(_ => { });
        var output = Path.Combine(_directory, "plan.json");

        var result = await CliRun.InProcessAsync("plan", slate, "--best-effort", "--out", output, "--no-save", "--time-limit", "30");

        AssertPartial(result, output);
        Assert.That(result.Output, Does.Contain("Left out (6 titles that must release; the slate cannot hold them all):"));
    }

    [Test]
    public async Task Plan_ScenarioAsksForBestEffort_PlansItsPartWithoutTheOption()
    {
        var slate = await DemoAsync(d => d["solver"] = new JsonObject { ["bestEffort"] = true });
        var output = Path.Combine(_directory, "plan.json");

        var result = await CliRun.InProcessAsync("plan", slate, "--out", output, "--no-save", "--time-limit", "30");

        AssertPartial(result, output);
    }

    [Test]
    public async Task Explain_ATitleLeftOut_SaysWhatKeepsItOutAndByHowMuch()
    {
        var slate = await DemoAsync(_ => { });
        var output = Path.Combine(_directory, "plan.json");
        await CliRun.InProcessAsync("plan", slate, "--best-effort", "--out", output, "--no-save", "--time-limit", "30");

        var result = await CliRun.InProcessAsync("explain", output, "--scenario", slate, "--title", "starfall-protocol");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(result.Output, Is.EqualTo(
                "starfall-protocol is not in this plan (priority normal): the marketing spend of an ISO week within its budget keeps it off 13 of its 13 possible dates "
                + "(2027-03-05 to 2027-05-28); nearest to fitting, 2027-03-05: marketing budget of week 2027-W09: 1, less than its own cost of 6.\n"));
        }
    }
}
