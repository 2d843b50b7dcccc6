using System.Text.Json;
using System.Text.RegularExpressions;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>The bundled release-formats scenario through plan, CSV, table, report and explain, as a planner runs them.</summary>
public partial class ReleaseFormatCommandTests
{
    private const string Scenario = "scenarios/release-formats-2027.json";

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-formats-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string PlanFile => Path.Combine(_directory, "plan.json");

    private async Task<CliResult> PlanAsync(params string[] extra)
    {
        var result = await CliRun.InProcessAsync(["plan", Scenario, "--no-save", "--threads", "1", "--out", PlanFile, .. extra]);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
        return result;
    }

    [Test]
    public async Task Plan_WeeklyAndTwoPartTitles_ListTheirDropsInThePlanCsvAndTable()
    {
        var csv = Path.Combine(_directory, "plan.csv");

        var result = await PlanAsync("--csv", csv);

        using var plan = JsonDocument.Parse(await File.ReadAllTextAsync(PlanFile));
        var bakeOff = plan.RootElement.GetProperty("releases").EnumerateArray()
            .Single(r => r.GetProperty("title").GetString() == "bake-off-s4" && r.GetProperty("region").GetString() == "uk");
        var drops = bakeOff.GetProperty("drops").EnumerateArray().ToList();
        var csvRow = File.ReadAllLines(csv).Single(l => l.StartsWith("bake-off-s4,uk,", StringComparison.Ordinal)).Split(',');
        Assert.Multiple(() =>
        {
            Assert.That(drops, Has.Count.EqualTo(8));
            Assert.That(drops[0].GetProperty("date").GetString(), Is.EqualTo(bakeOff.GetProperty("date").GetString()));
            Assert.That(drops[0].GetProperty("publishAt").GetString(), Is.EqualTo(bakeOff.GetProperty("publishAt").GetString()));
            Assert.That(csvRow[6], Is.EqualTo("8"));
            Assert.That(csvRow[7].Split(' '), Is.EqualTo(drops.Select(d => d.GetProperty("date").GetString())));
            Assert.That(result.Output, Does.Match($@"bake-off-s4 .* 8 weekly drops from {bakeOff.GetProperty("date").GetString()};"));
            Assert.That(result.Output, Does.Match(@"the-glass-house .* 2 drops 28 days apart from 2027-"));
        });
    }

    [Test]
    public async Task Plan_Report_JoinsEachPremiereToItsLaterDropsAndMarksEveryRightsEnd()
    {
        var report = Path.Combine(_directory, "report.html");

        await PlanAsync("--report", report);

        var html = await File.ReadAllTextAsync(report);
        var chains = DropChain().Matches(html).ToDictionary(m => m.Groups[1].Value, m => LaterDrop().Count(m.Groups[2].Value));
        Assert.Multiple(() =>
        {
            Assert.That(chains["bake-off-s4|uk"], Is.EqualTo(7));
            Assert.That(chains["lantern-spirits|jp"], Is.EqualTo(11));
            Assert.That(chains["the-glass-house|br"], Is.EqualTo(1));
            Assert.That(chains.Keys.Where(k => k.StartsWith("harbour-town-s2|", StringComparison.Ordinal)), Is.Empty);
            Assert.That(RightsEnd().Matches(html).Select(m => m.Groups[1].Value), Is.EquivalentTo(new[] { "lantern-spirits|de", "lantern-spirits|uk", "lantern-spirits|us" }));
        });
    }

    [Test]
    public async Task Explain_LicensedTitle_RulesOutPremieresWhoseLastDropPassesTheRightsEnd()
    {
        await PlanAsync();

        var result = await CliRun.InProcessAsync("explain", PlanFile, "--scenario", Scenario, "--title", "lantern-spirits", "--region", "de", "--json");

        using var json = JsonDocument.Parse(result.Output);
        var reasons = json.RootElement.GetProperty("alternatives").EnumerateArray()
            .SelectMany(a => a.GetProperty("ruledOutBy").EnumerateArray().Select(r => r.GetString()!)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(json.RootElement.GetProperty("factors").GetProperty("drops").GetArrayLength(), Is.EqualTo(12));
            Assert.That(reasons, Has.Some.Match(@"^its last drop would fall on 2027-\d\d-\d\d, after its rights end in de \(2027-11-20, availableUntil\)$"));
        });
    }

    [GeneratedRegex("<g class=\"drops\" data-drops=\"([^\"]+)\">(.*?)</g>")]
    private static partial Regex DropChain();

    [GeneratedRegex("<circle class=\"drop\"")]
    private static partial Regex LaterDrop();

    [GeneratedRegex("<g class=\"rights-end\" data-rights=\"([^\"]+)\">")]
    private static partial Regex RightsEnd();
}
