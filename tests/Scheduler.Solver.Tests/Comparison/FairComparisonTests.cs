using System.Text.Json.Nodes;
using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Comparison;

/// <summary>
/// Fair to both sides: a plan that keeps the other side's rules and is better there replaces the
/// other side's before the differences are drawn, and it is reported. The optimal plan stands for the
/// luckier search; the optimal plan of the same slate with its first title's demand cut, valued as a
/// plan of the slate (it keeps the same rules), for the unluckier one.
/// </summary>
public class FairComparisonTests
{
    private static readonly JsonObject Document = ScenarioGenerator.Generate(new GeneratorOptions(30, 4, 1, 2027, 1, Contention.High));

    [Test]
    public void Balance_VariantPlanBetterUnderTheBasesRules_TheBaseTakesItAndTheVariantMovesNothing()
    {
        var (scenario, variant) = (Scenarios.LoadScenario(Document), Loosened());
        var unlucky = Unlucky(scenario, null);
        var lucky = Plan(variant, "wider");
        Assume.That(lucky.Plan!.Kpis.Objective, Is.GreaterThan(unlucky.Plan!.Kpis.Objective), "the cut demand costs the slate something");
        var solved = new Solver.Comparison.Comparison(unlucky, [new VariantComparison("wider", lucky, PlanDiff.Between(unlucky.Plan!, lucky.Plan!), [])]);

        var fair = FairComparison.Balance(solved, scenario, new Dictionary<string, Core.Domain.Scenario> { ["wider"] = variant });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fair.BaseImprovedBy, Is.EqualTo("wider"));
            Assert.That(fair.Base.VerifiedPlan!.Releases, Is.EqualTo(lucky.Plan!.Releases));
            Assert.That(fair.Base.VerifiedPlan.Kpis.Objective, Is.GreaterThan(unlucky.Plan!.Kpis.Objective));
            Assert.That(fair.Base.VerifiedPlan.Scenario, Is.EqualTo(unlucky.Plan.Scenario), "still the base's plan, of the base's scenario");
            Assert.That(fair.Variants[0].Diff!.IsEmpty, Is.True);
            Assert.That(fair.Variants[0].ImprovedByBase, Is.False);
        }
    }

    [Test]
    public void Balance_BasePlanBetterUnderTheVariantsRules_TheVariantTakesIt()
    {
        var (scenario, variant) = (Scenarios.LoadScenario(Document), Loosened());
        var lucky = Plan(scenario, null);
        var unlucky = Unlucky(variant, "wider");
        Assume.That(lucky.Plan!.Kpis.Objective, Is.GreaterThan(unlucky.Plan!.Kpis.Objective), "the cut demand costs the slate something");
        var solved = new Solver.Comparison.Comparison(lucky, [new VariantComparison("wider", unlucky, PlanDiff.Between(lucky.Plan!, unlucky.Plan!), [])]);

        var fair = FairComparison.Balance(solved, scenario, new Dictionary<string, Core.Domain.Scenario> { ["wider"] = variant });

        var taken = fair.Variants[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fair.BaseImprovedBy, Is.Null);
            Assert.That(taken.ImprovedByBase, Is.True);
            Assert.That(taken.Outcome!.VerifiedPlan!.Releases, Is.EqualTo(lucky.Plan!.Releases));
            Assert.That(taken.Outcome.VerifiedPlan.Scenario.Variant, Is.EqualTo("wider"));
            Assert.That(taken.Diff!.IsEmpty, Is.True);
        }
    }

    [Test]
    public void Balance_VariantPlanThatBreaksABaseRule_IsNotTaken()
    {
        var scenario = Scenarios.LoadScenario(Document);
        var wider = Loosened(perDay: 5);
        var variantPlan = Plan(wider, "wider");
        var basePlan = Unlucky(scenario, null);
        var crowded = variantPlan.Plan!.Releases.GroupBy(r => (r.Region, r.Date)).Max(g => g.Count());
        Assume.That(crowded, Is.GreaterThan(scenario.Capacity.PerDay), "the wider variant uses its extra capacity");
        var solved = new Solver.Comparison.Comparison(basePlan, [new VariantComparison("wider", variantPlan, PlanDiff.Between(basePlan.Plan!, variantPlan.Plan!), [])]);

        var fair = FairComparison.Balance(solved, scenario, new Dictionary<string, Core.Domain.Scenario> { ["wider"] = wider });

        Assert.That((fair.BaseImprovedBy, fair.Base.Plan), Is.EqualTo(((string?)null, basePlan.Plan)));
    }

    // The same slate with a day's capacity of at least what the base allows: every base plan keeps its rules.
    private static Core.Domain.Scenario Loosened(int? perDay = null)
    {
        var document = Document.DeepClone().AsObject();
        document["description"] = "the variant";
        if (perDay is { } capacity)
        {
            var limits = document["capacity"] as JsonObject ?? [];
            limits["perDay"] = capacity;
            document["capacity"] = limits;
        }

        return Scenarios.LoadScenario(document);
    }

    private static PlanningOutcome Plan(Core.Domain.Scenario scenario, string? variant)
        => new ReleasePlanner(TimeProvider.System).Plan(new PlanRequest(scenario, new PlanScenario(scenario.Name, "sha", variant), PlanEngine.CpSat, TimeSpan.FromSeconds(10), 1e-9, 1));

    // The best plan for the slate with its first title's demand cut: it keeps every rule of the slate, valued by the slate's own values.
    private static PlanningOutcome Unlucky(Core.Domain.Scenario scenario, string? variant)
    {
        var document = Document.DeepClone().AsObject();
        document["titles"]![0]!["demand"] = 0.01;
        var cut = Plan(Scenarios.LoadScenario(document), variant).VerifiedPlan!;
        var values = new ValueModel(scenario);
        var plan = PlanFactory.Create(values, cut.Scenario, Assignment.FromPlan(cut), k => cut.Solver with { Objective = k.Objective, Bound = null, Gap = null, Status = PlanStatuses.Heuristic }, cut.GeneratedAt);
        return new PlanningOutcome(PlanningStatus.Heuristic, plan, new PlanVerifier(values).Verify(plan), [], new PlanningStatistics(0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, null));
    }
}
