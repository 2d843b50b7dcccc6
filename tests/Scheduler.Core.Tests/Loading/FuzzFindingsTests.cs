using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Loading;

/// <summary>
/// Inputs the loader's fuzzer (bench/fuzz/run.sh) once crashed it with: each is now refused with
/// errors that name their places, like any other invalid scenario.
/// </summary>
public class FuzzFindingsTests
{
    private static IEnumerable<string> Findings()
        => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests", "Scheduler.Core.Tests", "Loading", "FuzzFindings"), "*.json")
            .Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(Findings))]
    public void Load_FuzzFinding_IsRefusedWithPlacedErrors(string finding)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "Scheduler.Core.Tests", "Loading", "FuzzFindings", finding);

        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Loader.LoadFile(path));

        Assert.That(ex.Errors.Select(e => e.Path.Text), Is.Not.Empty.And.All.Not.Empty);
    }

    [Test]
    public void Load_UnknownFieldWithABracketInItsName_NamesTheField()
    {
        var document = Scenarios.Minimal();
        document["[regions"] = 4;

        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document));

        Assert.That(ex.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "$['[regions']: unknown field '[regions' (did you mean 'regions'?)" }));
    }
}
