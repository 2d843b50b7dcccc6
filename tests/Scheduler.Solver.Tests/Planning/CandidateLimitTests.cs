using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

public class CandidateLimitTests
{
    private const string Name = "Synthetic 20x4x1 seed 2027 high contention";

    /// <summary>378 candidates before propagation (373 after, bench/README.md's S).</summary>
    private static Core.Domain.Scenario Small() => Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(20, 4, 1, 2027, 1, Contention.High)));

    private static PlanRequest Request(Core.Domain.Scenario scenario, long limit, string? variant = null)
        => new(scenario, new PlanScenario(scenario.Name, "sha", variant), PlanEngine.Greedy, TimeSpan.FromSeconds(10), 0.01, 1) { CandidateLimit = limit };

    [Test]
    public void Limit_IsTheSixHundredThousandTheDocsGive()
    {
        var root = RepositoryRoot();
        var scenarioFormat = File.ReadAllText(Path.Combine(root, "docs", "scenario-format.md"));
        var bench = File.ReadAllText(Path.Combine(root, "bench", "README.md"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CandidateEstimate.DefaultLimit, Is.EqualTo(CandidateEstimate.LimitFor(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)));
            Assert.That(CandidateEstimate.LimitFor(24L << 30), Is.EqualTo(5_112_017), "24 GB less 200 MB, at 5,000 bytes a candidate");
            Assert.That(new PlanRequest(Small(), new PlanScenario("s", "sha", null), PlanEngine.Greedy, TimeSpan.FromSeconds(1), 0, 1).CandidateLimit, Is.EqualTo(CandidateEstimate.DefaultLimit));
            Assert.That(scenarioFormat, Does.Contain("**200 MB for the process and 5,000 bytes a candidate**"));
            Assert.That(bench, Does.Contain("5,000 bytes a candidate"));
        }
    }

    [Test]
    public void Plan_MoreCandidatesThanTheLimit_RefusesWithTheSizeAndWhatToReduce()
    {
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(Request(Small(), 377));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.TooLarge));
            Assert.That(outcome.Plan, Is.Null);
            Assert.That(outcome.Verification, Is.Null);
            Assert.That(outcome.Statistics.Candidates, Is.EqualTo(378));
            Assert.That(outcome.Reasons, Is.EqualTo(new[]
            {
                $"Scenario '{Name}' implies 378 candidate releases (titles x regions x allowed dates), which need about 209 MB of memory; the limit is 377, what 209 MB holds (--max-memory, else what this process may use). "
                + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter).",
            }));
        }
    }

    [Test]
    public void Plan_ExactlyAsManyCandidatesAsTheLimit_Plans()
    {
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(Request(Small(), 378));

        Assert.That(outcome.Plan, Is.Not.Null, string.Join("; ", outcome.Reasons));
    }

    [Test]
    public void Message_LargeCounts_AreGroupedByThousands()
        => Assert.That(
            CandidateEstimate.Message(CandidateEstimate.NameOf("X", "q3"), 812_400, 600_000),
            Is.EqualTo("Scenario 'X' (variant 'q3') implies 812,400 candidate releases (titles x regions x allowed dates), which need about 4,074 MB of memory; the limit is 600,000, what 3,061 MB holds (--max-memory, else what this process may use). "
                + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter)."));

    [Test]
    public void Refusal_WithinTheDefaultLimit_IsNull()
        => Assert.That(CandidateEstimate.Refusal(Small(), "'s'", CandidateEstimate.DefaultLimit), Is.Null);

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Scheduler.sln not found above the test directory.");
    }
}
