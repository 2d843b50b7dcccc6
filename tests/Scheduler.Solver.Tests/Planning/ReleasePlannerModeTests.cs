using System.Text.Json.Nodes;
using Scheduler.Core.Plans;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>Global or staggered: the planner takes the mode the readiness and the stagger window allow and pay for.</summary>
public class ReleasePlannerModeTests
{
    [Test]
    public void Plan_LateReadinessInOneRegion_ChoosesStaggered()
    {
        var scenario = TwoRegions();
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["readiness"] = new JsonObject { ["uk"] = "2027-04-09" });

        var plan = Plan(scenario).Plan!;

        // Staggered: us 03-19 (75) + uk 04-09 (25 * 0.7) = 92.5 beats global on 04-09 (100 * 0.7).
        Assert.Multiple(() =>
        {
            Assert.That(plan.Titles.Single().Mode, Is.EqualTo(PlanModes.Staggered));
            Assert.That(DateOf(plan, "a", "us"), Is.EqualTo(D(3, 19)));
            Assert.That(DateOf(plan, "a", "uk"), Is.EqualTo(D(4, 9)));
            Assert.That(plan.Kpis.Objective, Is.EqualTo(92.5).Within(1e-9));
        });
    }

    [Test]
    public void Plan_ReadinessEverywhere_ChoosesOneGlobalDate()
    {
        var scenario = TwoRegions();
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["release"] = "global");

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(plan.Titles.Single().Mode, Is.EqualTo(PlanModes.Global));
            Assert.That(plan.Releases.Select(r => r.Date).Distinct(), Is.EqualTo(new[] { D(3, 19) }));
            Assert.That(plan.Releases.Select(r => r.PublishAt).Distinct().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Plan_StaggerWindowAndLateRegion_ForcesTheLeadLater()
    {
        var scenario = TwoRegions();
        AddTitle(scenario, "a", 100, "2027-03-19", t =>
        {
            t["release"] = "staggered";
            t["staggerMaxDays"] = 7;
            t["readiness"] = new JsonObject { ["uk"] = "2027-04-09" };
        });

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a", "us"), Is.EqualTo(D(4, 2)));
            Assert.That(DateOf(plan, "a", "uk"), Is.EqualTo(D(4, 9)));
        });
    }

    [Test]
    public void Plan_StaggerWindowAndBlackoutAtTheEnd_ForcesTheLeadEarlier()
    {
        var scenario = TwoRegions();
        scenario["regions"]![1]!["blackoutDates"] = new JsonArray("2027-04-02");
        AddTitle(scenario, "a", 100, "2027-04-02", t =>
        {
            t["release"] = "staggered";
            t["staggerMaxDays"] = 7;
            t["latest"] = "2027-04-02";
        });

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a", "us"), Is.EqualTo(D(3, 26)));
            Assert.That(DateOf(plan, "a", "uk"), Is.EqualTo(D(3, 26)));
        });
    }
}
