using Scheduler.Core.Generation;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Model;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

public class CandidateEstimateTests
{
    private static string RepositoryRoot { get; } = CandidateLimitTests.RepositoryRoot();

    private static IEnumerable<TestCaseData> Bundled()
        => Directory.GetFiles(Path.Combine(RepositoryRoot, "scenarios"), "*.json").Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(path)).SetArgDisplayNames(Path.GetFileName(path)));

    private static IEnumerable<TestCaseData> Generated()
    {
        foreach (var (titles, regions, years, days, contention) in new[]
        {
            (20, 4, 1, 1, Contention.High),
            (60, 6, 1, 2, Contention.Low),
            (100, 12, 1, 1, Contention.High),
            (80, 8, 2, 1, Contention.Medium),
            (150, 10, 1, 3, Contention.High),
        })
        {
            yield return new TestCaseData(titles, regions, years, days, contention);
        }
    }

    [TestCaseSource(nameof(Bundled))]
    public void Count_BundledScenario_IsAtLeastTheCandidatesAndAtMostHalfAgainAsMany(string file)
    {
        var scenario = Scenarios.Loader.LoadFile(Path.Combine(RepositoryRoot, "scenarios", file)).Scenario;
        AssertClose(scenario);
    }

    [TestCaseSource(nameof(Generated))]
    public void Count_GeneratedSlate_IsAtLeastTheCandidatesAndAtMostHalfAgainAsMany(int titles, int regions, int years, int releaseDays, Contention contention)
    {
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(titles, regions, years, 2027, releaseDays, contention)));
        AssertClose(scenario);
    }

    private static void AssertClose(Core.Domain.Scenario scenario)
    {
        var candidates = CandidateSet.Build(new ValueModel(scenario)).CandidateCount;
        var estimate = CandidateEstimate.Count(scenario);
        TestContext.Out.WriteLine($"{scenario.Name}: {candidates} candidates, estimate {estimate} ({(double)estimate / Math.Max(1, candidates):0.000}x)");
        Assert.That(estimate, Is.GreaterThanOrEqualTo(candidates).And.LessThanOrEqualTo(candidates * 1.5));
    }
}
