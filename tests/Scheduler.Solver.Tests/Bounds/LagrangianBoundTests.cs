using FsCheck;
using FsCheck.Fluent;
using Scheduler.Core.Generation;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Bounds;
using Scheduler.Solver.Model;
using Scheduler.Solver.Tests.Planning;

namespace Scheduler.Solver.Tests.Bounds;

public class LagrangianBoundTests
{
    [Test]
    public void Compute_RandomContendedSlates_NeverBelowTheOptimumAndNeverAboveEachTitleOnItsBestDate()
    {
        var sizes = from titles in Gen.Choose(3, 14)
                    from regions in Gen.Choose(1, 3)
                    from seed in Gen.Choose(0, 100_000)
                    select new GeneratorOptions(titles, regions, 1, seed, 1, Contention.High);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20), Prop.ForAll(sizes.ToArbitrary(), options =>
        {
            var scenario = ScenarioGenerator.Generate(options);
            var candidates = CandidateSet.Build(new ValueModel(Scenarios.LoadScenario(scenario)));
            var bound = new LagrangianBound(candidates).Compute(null, 200, () => false);
            var optimum = PlannerHarness.Plan(scenario).Plan!.Kpis.Objective;
            return bound >= optimum - 1e-6 && bound <= RelaxationBound.Compute(candidates) + 1e-6;
        }));
    }

    [Test]
    public void Compute_TwoTitlesWantingOneDayForOne_BoundsBelowEachOnItsBestDate()
    {
        var scenario = PlannerHarness.OneRegion();
        scenario["capacity"] = new System.Text.Json.Nodes.JsonObject { ["perDay"] = 1 };
        PlannerHarness.AddTitle(scenario, "a", 100, "2027-03-19");
        PlannerHarness.AddTitle(scenario, "b", 100, "2027-03-19");
        var candidates = CandidateSet.Build(new ValueModel(Scenarios.LoadScenario(scenario)));

        var bound = new LagrangianBound(candidates).Compute(null, 300, () => false);

        // Each alone: 100 + 100. Together one of them moves a week and keeps 90: the optimum is 190.
        Assert.That(bound, Is.InRange(190 - 1e-6, 195));
    }

    [Test]
    public void Compute_TwoTitlesOfOneGenreWantingOneWeek_ChargesTheClashOneOfThemMustPayOrMoveFor()
    {
        var scenario = PlannerHarness.OneRegion();
        scenario["objective"] = new System.Text.Json.Nodes.JsonObject { ["genreClashCost"] = 10 };
        PlannerHarness.AddTitle(scenario, "a", 100, "2027-03-19");
        PlannerHarness.AddTitle(scenario, "b", 100, "2027-03-19");
        var candidates = CandidateSet.Build(new ValueModel(Scenarios.LoadScenario(scenario)));

        var bound = new LagrangianBound(candidates).Compute(null, 300, () => false);

        // Each alone: 100 + 100. Together they pay the clash (10) or one moves a week and keeps 90: the optimum is 190.
        Assert.That(bound, Is.InRange(190 - 1e-6, 195));
    }
}
