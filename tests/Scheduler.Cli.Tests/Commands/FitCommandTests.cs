using System.Text.Json;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

public class FitCommandTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "fit.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-fit-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Fit_NewTitleFromAFile_ListsTheOptionsBestFirst()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--time-limit", "3");
        var title = Path.Combine(_directory, "late.json");
        await File.WriteAllTextAsync(title, """{ "id": "late", "name": "Late", "genres": ["thriller"], "demand": 90, "tentpole": true }""");

        var result = await CliRun.InProcessAsync("fit", "1", "--title", title, "--top", "3", "--db", Db);

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(lines[0], Does.Match(@"^Where late fits into run 1's plan \(\d+ placements weighed\), best first:$"));
            Assert.That(lines.Skip(1).Where(l => !l.StartsWith("      ", StringComparison.Ordinal)).Select(l => l[..3]), Is.EqualTo(new[] { " 1.", " 2.", " 3." }));
            Assert.That(lines[1], Does.Match(@"^ 1\. (global|staggered) .*: objective [+-]?[\d.]+, its value [\d.]+$"));
        }
    }

    [Test]
    public async Task Fit_PlannedTitleWithReadiness_AsJson_KeepsEveryOptionAfterIt()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--time-limit", "3");

        var result = await CliRun.InProcessAsync("fit", "1", "--title", "kitchen-wars", "--readiness", "br=2027-05-01", "--json", "--db", Db);

        using var json = JsonDocument.Parse(result.Output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(json.RootElement.GetProperty("title").GetString(), Is.EqualTo("kitchen-wars"));
            Assert.That(json.RootElement.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("dates").GetProperty("br").GetString()), Has.All.GreaterThanOrEqualTo("2027-05-01"));
        }
    }

    [Test]
    public async Task Fit_UnknownTitleId_ExitsTwoNamingIt()
    {
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", Db, "--time-limit", "3");

        var result = await CliRun.InProcessAsync("fit", "1", "--title", "nope", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo("The title cannot be fitted:\n  $.title.id: run 1's scenario has no title 'nope'; a new title also needs its name, genres and demand\n"));
            Assert.That(result.Output, Is.Empty);
        }
    }

    [Test]
    public async Task Fit_MalformedReadiness_ExitsTwo()
    {
        var result = await CliRun.InProcessAsync("fit", "1", "--title", "kitchen-wars", "--readiness", "br", "--db", Db);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Is.EqualTo("--readiness: 'br' is not REGION=DATE (such as br=2027-05-01).\n"));
        }
    }
}
