using System.Text.Json.Nodes;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// A slate that cannot fit is refused with its proof before any search: <c>plan</c> exits 3 and writes
/// nothing, <c>validate --deep</c> names each scenario that cannot be planned, <c>compare</c> tells it per variant.
/// </summary>
public class SlateFitCommandTests
{
    // The demo's seven non-optional titles carry 22 of marketing cost; 14 weeks at 1 a week allow 14.
    private const string BudgetProof = "7 titles (starfall-protocol, ember-road, harbor-lights-s2, little-lanterns, glasshouse-part-1, glasshouse-part-2 and kitchen-wars) "
        + "must launch between weeks 2027-W09 and 2027-W22 and carry 22 of marketing cost; those 14 weeks allow 14 (1 a week)";

    private const string PinProof = "title harbor-lights-s2 is pinned to launch in week 2027-W11, spending 3 of a marketing budget of 1";

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-fit-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private Task<string> DemoAsync(Action<JsonObject> change) => DemoSlates.WriteAsync(_directory, change);

    [Test]
    public async Task Plan_LaunchesOverTheYearsBudget_ExitsThreeWithTheProofAndWritesNothing()
    {
        var slate = await DemoAsync(d => d["capacity"]!["marketingBudgetPerWeek"] = 1);
        var output = Path.Combine(_directory, "plan.json");

        var result = await CliRun.InProcessAsync("plan", slate, "--out", output, "--no-save", "--time-limit", "60");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Infeasible));
            Assert.That(result.Error, Does.Contain($"- {PinProof}\n- {BudgetProof}\n"));
            Assert.That(result.Error, Does.Not.Contain("time limit"));
            Assert.That(File.Exists(output), Is.False);
        }
    }

    [Test]
    public async Task ValidateDeep_VariantOverBudget_ExitsThreeNamingTheVariantAndItsProof()
    {
        var slate = await DemoAsync(d => d["variants"]!.AsArray().Add(JsonNode.Parse("""{ "id": "over-budget", "changes": { "capacity": { "marketingBudgetPerWeek": 1 } } }""")));

        var result = await CliRun.InProcessAsync("validate", slate, "--deep");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Infeasible));
            Assert.That(result.Output, Does.EndWith($"Variant over-budget cannot be planned: no plan keeps every hard rule.\n- {PinProof}\n- {BudgetProof}\n"));
        }
    }

    [Test]
    public async Task ValidateDeepJson_VariantOverBudget_ListsEachScenarioWithItsProofs()
    {
        var slate = await DemoAsync(d => d["variants"]!.AsArray().Add(JsonNode.Parse("""{ "id": "over-budget", "changes": { "capacity": { "marketingBudgetPerWeek": 1 } } }""")));

        var result = await CliRun.InProcessAsync("validate", slate, "--deep", "--json");

        var deep = JsonNode.Parse(result.Output)!["deep"]!.AsArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Infeasible));
            Assert.That(deep.Select(d => ((string?)d!["variant"], (bool)d["provenInfeasible"]!)), Is.EqualTo(new[] { ((string?)null, false), ("one-release-per-day", false), ("starfall-slips", false), ("over-budget", true) }));
            Assert.That(deep[3]!["proofs"]!.AsArray().Select(p => ((string)p!["message"]!, string.Join(",", p["rules"]!.AsArray().Select(r => (string)r!)))), Is.EqualTo(new[] { (PinProof, "budget,pin"), (BudgetProof, "budget,window") }));
        }
    }

    [Test]
    public async Task ValidateDeep_SlateThatFits_SaysNothingProvesOtherwiseWithoutClaimingAPlan()
    {
        var result = await CliRun.InProcessAsync("validate", "scenarios/demo.json", "--deep");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(result.Output, Does.EndWith("Deep check: no rule check proves that the base scenario or any of its 2 variants cannot be planned (only planning shows that one can).\n"));
        }
    }

    [Test]
    public async Task Compare_VariantOverBudget_TellsItsProofAndComparesTheOthers()
    {
        var slate = await DemoAsync(d => d["variants"]!.AsArray().Add(JsonNode.Parse("""{ "id": "over-budget", "changes": { "capacity": { "marketingBudgetPerWeek": 1 } } }""")));

        var result = await CliRun.InProcessAsync("compare", slate, "--no-save", "--time-limit", "5", "--threads", "1");

        using (Assert.EnterMultipleScope())
        {
            // The line is wrapped to the terminal's width.
            Assert.That(System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " "), Does.Contain($"Variant over-budget: cannot be planned: {PinProof}; {BudgetProof}"));
            Assert.That(result.Output, Does.Contain("Variant starfall-slips: Objective"));
        }
    }
}
