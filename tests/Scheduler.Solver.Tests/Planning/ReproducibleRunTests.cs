using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// A seeded run with one thread is made again exactly, also when the time limit ends the search: on
/// a 200-title contended slate that is not proven within its 4 seconds, two runs give the same
/// releases, objective and bound, and record that they are repeatable.
/// </summary>
public class ReproducibleRunTests
{
    [Test]
    public void Plan_SeededWithOneThread_GivesTheSameReleasesObjectiveAndBoundWhenTheLimitEndsTheSearch()
    {
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(200, 12, 1, 7, contention: Contention.High)));
        var request = new PlanRequest(scenario, new PlanScenario(scenario.Name, "sha", null), PlanEngine.CpSat, TimeSpan.FromSeconds(4), 1e-9, 1) { Seed = 11 };

        var first = new ReleasePlanner(TimeProvider.System).Plan(request);
        var second = new ReleasePlanner(TimeProvider.System).Plan(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Status, Is.EqualTo(PlanningStatus.Feasible), "the limit ends the search before a proof");
            Assert.That(second.VerifiedPlan!.Releases, Is.EqualTo(first.VerifiedPlan!.Releases));
            Assert.That(second.VerifiedPlan.Titles, Is.EqualTo(first.VerifiedPlan.Titles));
            Assert.That((second.VerifiedPlan.Solver.Objective, second.VerifiedPlan.Solver.Bound), Is.EqualTo((first.VerifiedPlan.Solver.Objective, first.VerifiedPlan.Solver.Bound)));
            Assert.That(first.Provenance, Is.EqualTo(second.Provenance));
            Assert.That(first.Provenance!.Repeatable, Is.True);
            Assert.That((first.Provenance.Engine, first.Provenance.Seed, first.Provenance.Threads), Is.EqualTo(("cp-sat", (int?)11, 1)));
            Assert.That(first.Provenance.OrToolsVersion, Does.StartWith("9.15"));
        }
    }

    [Test]
    public void Plan_WithoutASeed_IsRecordedAsNotRepeatable()
    {
        var scenario = Scenarios.LoadScenario(Scenarios.Minimal());
        var request = new PlanRequest(scenario, new PlanScenario(scenario.Name, "sha", null), PlanEngine.CpSat, TimeSpan.FromSeconds(4), 1e-9, 1);

        var provenance = new ReleasePlanner(TimeProvider.System).Plan(request).Provenance!;

        Assert.That((provenance.Seed, provenance.Repeatable), Is.EqualTo(((int?)null, false)));
    }
}
