using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary><c>template</c>, <c>import</c>, <c>export-scenario</c>, and workbooks given where a scenario file goes.</summary>
public class SlateWorkbookCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("slate-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task TemplateThenImport_GivesTheDemoScenario()
    {
        var workbook = Path.Combine(_folder, "slate.xlsx");
        var scenario = Path.Combine(_folder, "scenario.json");

        var template = await CliRun.InProcessAsync("template", "--out", workbook);
        var imported = await CliRun.InProcessAsync("import", workbook, "--out", scenario);

        var demo = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios", "demo.json")))!;
        var read = JsonNode.Parse(await File.ReadAllTextAsync(scenario))!;
        Assert.Multiple(() =>
        {
            Assert.That(template.ExitCode, Is.EqualTo(ExitCodes.Ok), template.Error);
            Assert.That(template.Output, Is.EqualTo($"Wrote {workbook}: the demo scenario as a slate workbook; 'scheduler import {workbook} --out scenario.json' reads it back.\n"));
            Assert.That(imported.ExitCode, Is.EqualTo(ExitCodes.Ok), imported.Error);
            Assert.That(imported.Output, Is.EqualTo($"Wrote {scenario}: scenario 'Demo: spring 2027', 8 titles, 3 regions, 2 variants.\n"));
            // Field by field equality is the workbook tests'; here the file written is the demo's slate.
            Assert.That(Ids(read, "titles"), Is.EqualTo(Ids(demo, "titles")));
            Assert.That(Ids(read, "regions"), Is.EqualTo(Ids(demo, "regions")));
        });
    }

    [Test]
    public async Task Import_WorkbookWithABrokenCell_ExitsTwoNamingTheCellAndWritesNothing()
    {
        var broken = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios", "demo.json")))!;
        broken["titles"]![2]!["latest"] = "2027-02-30";
        var json = Path.Combine(_folder, "broken.json");
        var workbook = Path.Combine(_folder, "broken.xlsx");
        var scenario = Path.Combine(_folder, "scenario.json");
        await File.WriteAllTextAsync(json, broken.ToJsonString());
        await File.WriteAllBytesAsync(workbook, Workbooks.Slates.SlateWorkbooks.Export(await File.ReadAllBytesAsync(json)));

        var result = await CliRun.InProcessAsync("import", workbook, "--out", scenario);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo($"Scenario '{workbook}' has 1 error:\nTitles!M4, column \"latest\" ($.titles[2].latest): 2027-02-30 is not a calendar date\n"));
            Assert.That(File.Exists(scenario), Is.False);
        });
    }

    [Test]
    public async Task ExportScenarioThenPlan_TheWorkbookPlansAsItsJsonDoes()
    {
        var workbook = Path.Combine(_folder, "formats.xlsx");
        var source = Path.Combine(CliRun.RepositoryRoot, "scenarios", "demo.json");

        var exported = await CliRun.InProcessAsync("export-scenario", source, "--out", workbook);
        var validated = await CliRun.InProcessAsync("validate", workbook);
        var fromWorkbook = await CliRun.InProcessAsync("plan", workbook, "--json", "--no-save", "--threads", "1", "--gap", "0");
        var fromJson = await CliRun.InProcessAsync("plan", source, "--json", "--no-save", "--threads", "1", "--gap", "0");

        using var planned = JsonDocument.Parse(fromWorkbook.Output);
        using var expected = JsonDocument.Parse(fromJson.Output);
        Assert.Multiple(() =>
        {
            Assert.That(exported.ExitCode, Is.EqualTo(ExitCodes.Ok), exported.Error);
            Assert.That(validated.ExitCode, Is.EqualTo(ExitCodes.Ok), validated.Error);
            Assert.That(validated.Output, Does.StartWith($"{workbook}: valid. 8 titles, 3 regions"));
            Assert.That(fromWorkbook.ExitCode, Is.EqualTo(ExitCodes.Ok), fromWorkbook.Error);
            Assert.That(planned.RootElement.GetProperty("solver").GetProperty("status").GetString(), Is.EqualTo("optimal"));
            Assert.That(
                planned.RootElement.GetProperty("solver").GetProperty("objective").GetDouble(),
                Is.EqualTo(expected.RootElement.GetProperty("solver").GetProperty("objective").GetDouble()).Within(1e-6));
        });
    }

    private static IEnumerable<string> Ids(JsonNode scenario, string field) => scenario[field]!.AsArray().Select(i => i!["id"]!.GetValue<string>());
}
