using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

public class CompareCommandTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-compare-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>The demo scenario with four more variants, one of them a no-op.</summary>
    private async Task<string> DemoWithVariantsAsync()
    {
        var demo = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios", "demo.json")))!.AsObject();
        demo.Remove("$schema");
        var variants = demo["variants"]!.AsArray();
        variants.Add(JsonNode.Parse("""{ "id": "no-op", "changes": {} }"""));
        variants.Add(JsonNode.Parse("""{ "id": "clash-costly", "changes": { "objective": { "genreClashCost": 25 } } }"""));
        variants.Add(JsonNode.Parse("""{ "id": "no-budget", "changes": { "capacity": { "marketingBudgetPerWeek": null } } }"""));
        variants.Add(JsonNode.Parse("""{ "id": "rival-week", "changes": { "events": [{ "id": "rival", "name": "Rival launch", "kind": "competitor", "start": "2027-04-09", "end": "2027-04-15", "impact": 0.5 }] } }"""));
        var path = Path.Combine(_directory, "demo-variants.json");
        await File.WriteAllTextAsync(path, demo.ToJsonString());
        return path;
    }

    private static JsonElement Variant(JsonDocument comparison, string id)
        => comparison.RootElement.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);

    [Test]
    public async Task Compare_BaseWithCandidatesNeedingMoreThanTheMemoryLimit_Exits2NamingTheSizeAndStoresNothing()
    {
        var scenario = await PlanCommandTests.GenerateTooLargeAsync(_directory);
        var db = Path.Combine(_directory, "runs.db");

        var result = await CliRun.InProcessAsync("compare", scenario, "scenarios/demo.json", "--max-memory", "800MB", "--db", db, "--out", Path.Combine(_directory, "plans"));

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), result.Error);
            Assert.That(result.Error, Is.EqualTo(PlanCommandTests.TooLargeMessage + "\n"));
            Assert.That(result.Output, Is.Empty);
            Assert.That(Directory.Exists(Path.Combine(_directory, "plans")), Is.False);
            Assert.That(await database.Runs.ListAsync(10), Is.Empty);
        }
    }

    [Test]
    public async Task Compare_NoOpVariant_MovesNothing()
    {
        var scenario = await DemoWithVariantsAsync();

        var result = await CliRun.InProcessAsync("compare", scenario, "--variant", "no-op", "--json", "--no-save");

        using var json = JsonDocument.Parse(result.Output);
        var variant = Variant(json, "no-op");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(variant.GetProperty("moved").GetArrayLength(), Is.Zero);
            Assert.That(variant.GetProperty("modeChanges").GetArrayLength(), Is.Zero);
            Assert.That(variant.GetProperty("delta").GetProperty("objective").GetDouble(), Is.Zero);
            Assert.That(variant.GetProperty("summary").GetString(), Is.EqualTo("Objective 0 (0%); no release moves."));
        }
    }

    [Test]
    public async Task Compare_Json_HasTheContractShape()
    {
        var result = await CliRun.InProcessAsync("compare", "scenarios/demo.json", "--json", "--no-save");

        using var json = JsonDocument.Parse(result.Output);
        var variant = Variant(json, "starfall-slips");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.RootElement.GetProperty("base").GetProperty("kpis").GetProperty("releases").GetInt32(), Is.EqualTo(23));
            Assert.That(variant.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "id", "kpis", "delta", "moved", "added", "dropped", "modeChanges" }));
            Assert.That(variant.GetProperty("moved").EnumerateArray().Select(m => m.GetProperty("title").GetString()).Distinct(), Is.EqualTo(new[] { "starfall-protocol" }));
            Assert.That(variant.GetProperty("moved")[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "title", "region", "from", "to", "valueChange", "cause", "rules", "displacedBy", "gain" }));
            Assert.That(variant.GetProperty("moved").EnumerateArray().Select(m => m.GetProperty("cause").GetString()).Distinct(), Is.EqualTo(new[] { "forced" }), "the title slips: its base date is before its new window");
        }
    }

    [Test]
    public async Task Compare_InvalidVariant_IsReportedWithItsIdWhileOthersComplete()
    {
        var result = await CliRun.InProcessAsync("compare", "scenarios/invalid/variants-invalid.json", "--json", "--no-save");

        using var json = JsonDocument.Parse(result.Output);
        var broken = Variant(json, "bad-capacity");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(broken.GetProperty("status").GetString(), Is.EqualTo("invalid"));
            Assert.That(broken.GetProperty("errors")[0].GetProperty("message").GetString(), Is.EqualTo("must be at least 1 and at most 1000, found the number 0"));
            Assert.That(broken.GetProperty("errors")[0].GetProperty("path").GetString(), Is.EqualTo("variant 'bad-capacity': $.capacity.perDay"));
            Assert.That(Variant(json, "ok").GetProperty("kpis").GetProperty("releases").GetInt32(), Is.EqualTo(4));
        }
    }

    [Test]
    public async Task Compare_FourVariantsInParallel_MatchesSolvingThemOneByOne()
    {
        var scenario = await DemoWithVariantsAsync();
        string[] variants = ["--variant", "one-release-per-day", "--variant", "starfall-slips", "--variant", "clash-costly", "--variant", "rival-week"];

        var parallel = await CliRun.InProcessAsync(["compare", scenario, .. variants, "--parallel", "4", "--threads", "1", "--json", "--no-save"]);
        var sequential = await CliRun.InProcessAsync(["compare", scenario, .. variants, "--parallel", "1", "--threads", "1", "--json", "--no-save"]);

        using var a = JsonDocument.Parse(parallel.Output);
        using var b = JsonDocument.Parse(sequential.Output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(parallel.ExitCode, Is.EqualTo(ExitCodes.Ok), parallel.Error);
            foreach (var id in new[] { "one-release-per-day", "starfall-slips", "clash-costly", "rival-week" })
            {
                Assert.That(Variant(a, id).GetProperty("moved").GetRawText(), Is.EqualTo(Variant(b, id).GetProperty("moved").GetRawText()), id);
                Assert.That(Variant(a, id).GetProperty("kpis").GetRawText(), Is.EqualTo(Variant(b, id).GetProperty("kpis").GetRawText()), id);
            }
        }
    }

    [Test]
    public async Task Compare_TwoFiles_ComparesTheSecondWithTheFirstAndStoresCompareRuns()
    {
        var second = await DemoWithVariantsAsync();
        var db = Path.Combine(_directory, "runs.db");
        var outDir = Path.Combine(_directory, "plans");

        var result = await CliRun.InProcessAsync("compare", "scenarios/demo.json", second, "--db", db, "--out", outDir);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(db), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Contain("Variant demo-variants: the same model as the base, so the base's plan, not solved again; no release moves."), "a second file that differs only in its variants");
            Assert.That((await database.Runs.ListAsync(10)).Select(r => r.Trigger), Is.EqualTo(new[] { RunTrigger.Compare, RunTrigger.Compare }));
            Assert.That(Directory.GetFiles(outDir).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "base.json", "demo-variants.json" }));
        }
    }
}
