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

    private static PlanRequest Request(Core.Domain.Scenario scenario, long memoryLimit, string? variant = null)
        => new(scenario, new PlanScenario(scenario.Name, "sha", variant), PlanEngine.Greedy, TimeSpan.FromSeconds(10), 0.01, 1) { MemoryLimit = memoryLimit };

    [Test]
    public void Limit_IsWhatThisProcessMayUse_AndTheDocsGiveItsArithmetic()
    {
        var root = RepositoryRoot();
        var scenarioFormat = string.Join(' ', File.ReadAllText(Path.Combine(root, "docs", "scenario-format.md")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        var bench = string.Join(' ', File.ReadAllText(Path.Combine(root, "bench", "README.md")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CandidateEstimate.DefaultMemoryLimit, Is.EqualTo(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
            Assert.That(new PlanRequest(Small(), new PlanScenario("s", "sha", null), PlanEngine.Greedy, TimeSpan.FromSeconds(1), 0, 1).MemoryLimit, Is.EqualTo(CandidateEstimate.DefaultMemoryLimit));
            Assert.That(scenarioFormat, Does.Contain("**200 MB for the process, 250 bytes a candidate, 1 GB more for the search above 20,000 candidates and 19,000 bytes more a candidate up to 120,000**"));
            Assert.That(bench, Does.Contain("200 MB for the process, 250 bytes a candidate, 1 GB for the search"));
        }
    }

    [Test]
    public void BytesNeeded_ChargesTheWholeModelUpTo120000AndTheSearchAbove20000()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CandidateEstimate.BytesNeeded(0), Is.EqualTo(200L << 20));
            Assert.That(CandidateEstimate.BytesNeeded(20_000), Is.EqualTo((200L << 20) + (20_000L * 19_250)), "the whole model alone");
            Assert.That(CandidateEstimate.BytesNeeded(20_001), Is.EqualTo((1224L << 20) + (20_001L * 19_250)), "the search, then the whole model");
            Assert.That(CandidateEstimate.BytesNeeded(120_001), Is.EqualTo((1224L << 20) + (120_001L * 250)), "the search alone");
            Assert.That(CandidateEstimate.BytesNeeded(120_001), Is.LessThan(CandidateEstimate.BytesNeeded(120_000)));
            Assert.That(CandidateEstimate.BytesNeeded(5_062_072), Is.LessThan(5L << 29), "bench/README.md's XXL, which planned in 1,046 MB");
        }
    }

    [Test]
    public void Plan_CandidatesNeedingMoreThanTheMemoryLimit_RefusesWithTheSizeAndWhatToReduce()
    {
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(Request(Small(), 200L << 20));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.TooLarge));
            Assert.That(outcome.Plan, Is.Null);
            Assert.That(outcome.Verification, Is.Null);
            Assert.That(outcome.Statistics.Candidates, Is.EqualTo(378));
            Assert.That(outcome.Reasons, Is.EqualTo(new[]
            {
                $"Scenario '{Name}' implies 378 candidate releases (titles x regions x allowed dates), which need about 207 MB of memory; planning may use 200 MB (--max-memory, else what this process may use). "
                + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter).",
            }));
        }
    }

    [Test]
    public void Plan_ExactlyTheMemoryItsCandidatesNeed_Plans()
    {
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(Request(Small(), CandidateEstimate.BytesNeeded(378)));

        Assert.That(outcome.Plan, Is.Not.Null, string.Join("; ", outcome.Reasons));
    }

    [Test]
    public void Plan_OneByteLessThanItsCandidatesNeed_IsRefused()
        => Assert.That(new ReleasePlanner(TimeProvider.System).Plan(Request(Small(), CandidateEstimate.BytesNeeded(378) - 1)).Status, Is.EqualTo(PlanningStatus.TooLarge));

    [Test]
    public void Message_LargeCounts_AreGroupedByThousandsAndLargeSizesInGigabytes()
        => Assert.That(
            CandidateEstimate.Message(CandidateEstimate.NameOf("X", "q3"), 81_240_000, 16L << 30),
            Is.EqualTo("Scenario 'X' (variant 'q3') implies 81,240,000 candidate releases (titles x regions x allowed dates), which need about 20.1 GB of memory; planning may use 16.0 GB (--max-memory, else what this process may use). "
                + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter)."));

    [Test]
    public void Refusal_WithinTheDefaultLimit_IsNull()
        => Assert.That(CandidateEstimate.Refusal(Small(), "'s'", CandidateEstimate.DefaultMemoryLimit), Is.Null);

    [Test]
    public void Refusal_ASlateTooLargeForTheWholeModelThatFitsWithoutIt_IsNull()
    {
        // 340,548 candidates by the count (bench/README.md, "Size limit"): 1,305 MB without the whole
        // model, which a slate of that size never builds, though 2 GB would not hold 120,000 candidates with it.
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(1000, 30, 2, 2027, 1, Contention.Low)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CandidateEstimate.Count(scenario), Is.EqualTo(340_548));
            Assert.That(CandidateEstimate.Refusal(scenario, "'xl'", 2L << 30), Is.Null);
            Assert.That(CandidateEstimate.BytesNeeded(120_000), Is.GreaterThan(2L << 30));
        }
    }

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
