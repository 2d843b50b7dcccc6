using System.Text.Json;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

public class ValidateCommandTests
{
    private static IEnumerable<string> InvalidExamples()
        => Directory.EnumerateFiles(Path.Combine(CliRun.RepositoryRoot, "scenarios", "invalid"), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order()!;

    private static IEnumerable<string> BundledScenarios()
        => Directory.EnumerateFiles(Path.Combine(CliRun.RepositoryRoot, "scenarios"), "*.json")
            .Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(InvalidExamples))]
    public async Task Validate_InvalidExample_ExitsTwoWithItsExpectedMessage(string name)
    {
        var relative = $"scenarios/invalid/{name}.json";
        var expected = await File.ReadAllTextAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios", "invalid", $"{name}.expected.txt"));

        var result = await CliRun.InProcessAsync("validate", relative);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo(expected.Replace(relative, Path.Combine(CliRun.RepositoryRoot, relative), StringComparison.Ordinal)));
            Assert.That(result.Output, Is.Empty);
        });
    }

    [TestCaseSource(nameof(BundledScenarios))]
    public async Task Validate_BundledScenario_ExitsZeroWithASummary(string file)
    {
        var result = await CliRun.InProcessAsync("validate", $"scenarios/{file}");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Match(@": valid\. \d+ titles?, \d+ regions?, \d+ events?, horizon \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, \d+ variants?"));
        });
    }

    [Test]
    public async Task Validate_InvalidExampleAsRealProcess_ExitsTwo()
    {
        var result = await CliRun.ProcessAsync("validate", "scenarios/invalid/sequel-cycle.json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.StartWith("Scenario 'scenarios/invalid/sequel-cycle.json' has 1 error:"));
        });
    }

    [Test]
    public async Task Validate_DemoAsRealProcess_PrintsTheSummaryLine()
    {
        var result = await CliRun.ProcessAsync("validate", "scenarios/demo.json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.StartWith("scenarios/demo.json: valid. 8 titles, 3 regions, "));
        });
    }

    [Test]
    public async Task Validate_JsonOnValidScenario_PrintsCounts()
    {
        var result = await CliRun.InProcessAsync("validate", "scenarios/demo.json", "--json");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(root.GetProperty("valid").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("titles").GetInt32(), Is.EqualTo(8));
            Assert.That(root.GetProperty("regions").GetInt32(), Is.EqualTo(3));
            Assert.That(root.GetProperty("sha256").GetString(), Does.Match("^[0-9a-f]{64}$"));
        });
    }

    [Test]
    public async Task Validate_JsonOnInvalidScenario_ListsPathsAndMessages()
    {
        var result = await CliRun.InProcessAsync("validate", "scenarios/invalid/duplicate-ids.json", "--json");

        using var json = JsonDocument.Parse(result.Output);
        var errors = json.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => $"{e.GetProperty("path").GetString()}: {e.GetProperty("message").GetString()}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(json.RootElement.GetProperty("valid").GetBoolean(), Is.False);
            Assert.That(errors, Is.EqualTo(new[]
            {
                "$.regions[2].id: region id 'us' is already used at $.regions[0]",
                "$.titles[1].id: title id 'dune-road' is already used at $.titles[0]",
            }));
        });
    }

    [Test]
    public async Task Validate_Variant_SummarisesThatVariant()
    {
        var result = await CliRun.InProcessAsync("validate", "scenarios/demo.json", "--variant", "one-release-per-day");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(result.Output, Does.Contain("(variant one-release-per-day): valid."));
        });
    }

    [Test]
    public async Task Validate_UnknownVariant_ExitsTwoNamingTheKnownOnes()
    {
        var result = await CliRun.InProcessAsync("validate", "scenarios/demo.json", "--variant", "nope");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.Contain("--variant: the scenario has no variant 'nope' (variants: "));
        });
    }

    [Test]
    public async Task Validate_UnreadableFile_ExitsTwoNamingThePath()
    {
        var result = await CliRun.InProcessAsync("validate", "/nonexistent/scenario.json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo(
                "Scenario '/nonexistent/scenario.json' has 1 error:\n" +
                "/nonexistent/scenario.json: cannot read the file: Could not find a part of the path '/nonexistent/scenario.json'.\n"));
        });
    }

    [Test]
    public async Task Run_MissingArgument_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("validate");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.Contain("Required argument missing for command: 'validate'."));
        });
    }
}
