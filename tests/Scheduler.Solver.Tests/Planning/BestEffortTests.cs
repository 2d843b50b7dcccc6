using System.Text.Json.Nodes;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// Best effort: a slate that cannot be planned whole is planned in part, verified, with the titles
/// left out named with the rule that keeps each out; priorities come before value; a slate that
/// fits is planned whole as without it.
/// </summary>
public class BestEffortTests
{
    private static Plan Partial(JsonObject scenario, int leftOut)
    {
        Assert.That(Plan(scenario).Status, Is.EqualTo(PlanningStatus.Infeasible), "the slate cannot be planned whole");
        var outcome = Plan(scenario, bestEffort: true);
        var plan = outcome.VerifiedPlan;
        Assert.That(plan, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Partial));
            Assert.That(plan!.Solver.Status, Is.EqualTo(PlanStatuses.Partial));
            Assert.That((plan.Solver.Bound, plan.Solver.Gap), Is.EqualTo(((double?)null, (double?)null)), "a partial plan claims no bound");
            Assert.That(plan.LeftOut, Has.Length.EqualTo(leftOut));
            Assert.That(outcome.Reasons, Is.Not.Empty, "why the slate is not planned whole");
            Assert.That(plan.Diagnostics!.Progress!.Select(p => p.Bound), Has.All.Null, "no bound of the whole slate, nor a weighted one");
        }

        return plan!;
    }

    private static string[] Placed(Plan plan) => [.. plan.Titles.Where(t => t.Scheduled).Select(t => t.Id)];

    [Test]
    public void Marketing_TwoOfFourLaunchesFit_PlacesTheMustTitlesOverMoreValuableOnes()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 4, ["marketingBudgetPerWeek"] = 8 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["marketingCost"] = 5; t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-28"; t["priority"] = "low"; });
        AddTitle(scenario, "b", 10, "2027-03-19", t => { t["marketingCost"] = 5; t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-28"; t["priority"] = "must"; });
        AddTitle(scenario, "c", 10, "2027-03-19", t => { t["marketingCost"] = 5; t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-28"; t["priority"] = "must"; });
        AddTitle(scenario, "d", 50, "2027-03-19", t => { t["marketingCost"] = 5; t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-28"; });

        var plan = Partial(scenario, leftOut: 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Placed(plan), Is.EqualTo(new[] { "b", "c" }));
            Assert.That(plan.LeftOut, Is.EqualTo(new[]
            {
                new LeftOutTitle("a", "low", "budget", "the marketing spend of an ISO week within its budget keeps it off 2 of its 2 possible dates (2027-03-19 to 2027-03-26); nearest to fitting, 2027-03-19: marketing budget of week 2027-W11: b already spend 5 of 8; it costs 5, 2 over"),
                new LeftOutTitle("d", "normal", "budget", "the marketing spend of an ISO week within its budget keeps it off 2 of its 2 possible dates (2027-03-19 to 2027-03-26); nearest to fitting, 2027-03-19: marketing budget of week 2027-W11: b already spend 5 of 8; it costs 5, 2 over"),
            }));
        }
    }

    [Test]
    public void Capacity_FourTitlesForThreeDays_LeavesOneOutForCapacity()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 10, "2027-03-19", t => { t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-21"; });
        AddTitle(scenario, "b", 10, "2027-03-19", t => { t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-28"; });
        AddTitle(scenario, "c", 10, "2027-03-26", t => { t["earliest"] = "2027-03-22"; t["latest"] = "2027-04-04"; });
        AddTitle(scenario, "d", 5, "2027-04-02", t => { t["earliest"] = "2027-03-29"; t["latest"] = "2027-04-04"; });

        var plan = Partial(scenario, leftOut: 1);

        Assert.That(plan.LeftOut[0], Is.EqualTo(new LeftOutTitle("d", "normal", "capacity", "at most perDay releases in a region on a date keeps it off 1 of its 1 possible dates (2027-04-02 to 2027-04-02); nearest to fitting, 2027-04-02: capacity full in us on 2027-04-02: c (perDay 1)")));
    }

    [Test]
    public void TentpoleSpacing_TwoTentpolesInOneWeek_LeavesTheLessValuableOut()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["tentpoleSpacingDays"] = 14 };
        AddTitle(scenario, "a", 100, "2027-03-05", t => { t["tentpole"] = true; t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-12"; });
        AddTitle(scenario, "b", 50, "2027-03-05", t => { t["tentpole"] = true; t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-12"; });

        var plan = Partial(scenario, leftOut: 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Placed(plan), Is.EqualTo(new[] { "a" }));
            Assert.That(plan.LeftOut[0], Is.EqualTo(new LeftOutTitle("b", "normal", "tentpoles", "at most tentpolesPerDay tentpoles in a region on a date keeps it off 1 of its 2 possible dates (2027-03-05 to 2027-03-12) (and: spacing 1); nearest to fitting, 2027-03-05: tentpole a already releases in us on 2027-03-05 (tentpolesPerDay 1)")));
        }
    }

    [Test]
    public void SequelChain_LongerThanItsWindows_LeavesOneTitleOutAndKeepsTheGapsOfTheRest()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 10, "2027-03-05", t => t["earliest"] = "2027-03-05");
        AddTitle(scenario, "b", 10, "2027-03-19", t => t["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 14 }]"""));
        AddTitle(scenario, "c", 10, "2027-03-26", t => { t["latest"] = "2027-03-28"; t["after"] = JsonNode.Parse("""[{ "title": "b", "minGapDays": 14 }]"""); });

        var plan = Partial(scenario, leftOut: 1);

        Assert.That(plan.LeftOut[0].Rule, Is.EqualTo("sequel"));
    }

    [Test]
    public void ASlateThatFits_IsPlannedWholeWithTheSameObjectiveAndAProvenBound()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["priority"] = "low");
        AddTitle(scenario, "b", 50, "2027-03-19", t => t["priority"] = "must");
        AddTitle(scenario, "c", 20, "2027-03-19", t => t["optional"] = true);

        var whole = Plan(scenario).VerifiedPlan!;
        var outcome = Plan(scenario, bestEffort: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Optimal));
            Assert.That(outcome.VerifiedPlan!.LeftOut, Is.Empty);
            Assert.That(outcome.Plan!.Kpis.Objective, Is.EqualTo(whole.Kpis.Objective).Within(1e-6));
            Assert.That(outcome.Plan.Solver.Bound, Is.GreaterThanOrEqualTo(outcome.Plan.Kpis.Objective));
            Assert.That(outcome.Plan.Solver.Bound, Is.LessThanOrEqualTo(whole.Solver.Bound! + 1e-6));
        }
    }

    [Test]
    public void Verifier_APartialPlanThatHidesATitleLeftOut_IsRefused()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["tentpoleSpacingDays"] = 14 };
        AddTitle(scenario, "a", 100, "2027-03-05", t => { t["tentpole"] = true; t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-12"; });
        AddTitle(scenario, "b", 50, "2027-03-05", t => { t["tentpole"] = true; t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-12"; });
        var plan = Partial(scenario, leftOut: 1);
        var verifier = new Core.Plans.PlanVerifier(new ValueModel(Core.Tests.Support.Scenarios.LoadScenario(scenario)));

        var hidden = verifier.Verify(plan with { LeftOut = [] });
        var claimed = verifier.Verify(plan with { Solver = plan.Solver with { Status = PlanStatuses.Feasible } });
        var bounded = verifier.Verify(plan with { Solver = plan.Solver with { Bound = plan.Solver.Objective, Gap = 0 } });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(hidden.Violations.Select(v => v.ToString()), Is.EqualTo(new[]
            {
                "the plan is partial but lists no title left out",
                "rule 1: title 'b' is not optional but is not released",
            }));
            Assert.That(claimed.Violations.Select(v => v.ToString()), Is.EqualTo(new[]
            {
                "leftOut: 'b' is listed as left out, but only a partial plan leaves titles out (status feasible)",
                "rule 1: title 'b' is not optional but is not released",
            }));
            Assert.That(bounded.Violations.Select(v => v.ToString()), Is.EqualTo(new[] { "the plan is partial but claims a bound: a bound of a partial plan proves nothing of the whole slate" }));
        }
    }
}
