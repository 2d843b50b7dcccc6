using FsCheck;
using FsCheck.Fluent;
using Scheduler.Core.Generation;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

public class PlannerPropertyTests
{
    [Test]
    public void Plan_RandomSmallScenario_IsVerifiedAndAtLeastAsGoodAsGreedy()
    {
        var sizes = from titles in Gen.Choose(2, 9)
                    from regions in Gen.Choose(1, 3)
                    from releaseDays in Gen.Choose(1, 2)
                    from seed in Gen.Choose(0, 1_000_000)
                    from contention in Gen.Elements(Contention.Low, Contention.Medium, Contention.High)
                    select new GeneratorOptions(titles, regions, 1, seed, releaseDays, contention);

        var property = Prop.ForAll(sizes.ToArbitrary(), options =>
        {
            var scenario = ScenarioGenerator.Generate(options);
            var exact = PlannerHarness.Plan(scenario);
            var greedy = PlannerHarness.Plan(scenario, PlanEngine.Greedy);
            if (exact.Plan is null)
            {
                // Every generated slate has a plan (the generator keeps a witness).
                return false;
            }

            var boundHolds = exact.Plan.Solver.Bound >= exact.Plan.Kpis.Objective - 1e-9;
            return boundHolds && (greedy.Plan is null || exact.Plan.Kpis.Objective >= greedy.Plan.Kpis.Objective - 1e-6);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), property);
    }

    [Test]
    public void Plan_AnyRequestedGap_IsOptimalOnlyWithinAProvenGapOfOneMillionth()
    {
        var cases = from titles in Gen.Choose(3, 12)
                    from regions in Gen.Choose(1, 3)
                    from seed in Gen.Choose(0, 1_000_000)
                    from gap in Gen.Elements(0.0, 0.0005, 0.005, 0.05)
                    select (new GeneratorOptions(titles, regions, 1, seed), gap);

        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var outcome = PlannerHarness.Plan(ScenarioGenerator.Generate(c.Item1), relativeGap: c.gap);
            if (outcome.Plan is not { } plan)
            {
                return outcome.Status == PlanningStatus.Infeasible;
            }

            var optimal = plan.Solver.Status == Core.Plans.PlanStatuses.Optimal;
            return optimal == (plan.Solver.Gap <= ReleasePlanner.ProvenGap)
                && optimal == (outcome.Status == PlanningStatus.Optimal)
                && plan.Solver.Gap <= Math.Max(c.gap, ReleasePlanner.ProvenGap) + 1e-9;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }

    [TestCase(2027)]
    [TestCase(1)]
    [TestCase(2)]
    public void Generate_HighContention_PutsTheBestGreedyAtLeastTwoPercentBelowTheOptimum(int seed)
    {
        var scenario = ScenarioGenerator.Generate(new GeneratorOptions(20, 4, 1, seed, 1, Contention.High));

        var greedy = PlannerHarness.Plan(scenario, PlanEngine.Greedy).Plan!.Kpis.Objective;
        var optimum = PlannerHarness.Plan(scenario, relativeGap: 0).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(optimum.Solver.Status, Is.EqualTo(Core.Plans.PlanStatuses.Optimal));
            Assert.That(greedy, Is.LessThanOrEqualTo(optimum.Kpis.Objective * 0.98));
        });
    }

    [Test]
    public void Plan_OneThreadTwice_GivesTheSamePlan()
    {
        var scenario = ScenarioGenerator.Generate(new GeneratorOptions(40, 4, 1, 11));

        var first = PlannerHarness.Plan(scenario, threads: 1).Plan!;
        var second = PlannerHarness.Plan(scenario, threads: 1).Plan!;

        Assert.That(second.Releases, Is.EqualTo(first.Releases));
    }
}
