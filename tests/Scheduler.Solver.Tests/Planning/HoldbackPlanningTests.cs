using System.Text.Json.Nodes;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// Rule 11 (holdbacks) on three titles, planned by the CP-SAT engine and by the greedy baseline (the
/// harness verifies every plan): where it binds, and where it cannot.
/// </summary>
public class HoldbackPlanningTests
{
    private static readonly PlanEngine[] Engines = [PlanEngine.CpSat, PlanEngine.Greedy];

    private static JsonObject Slate(string theatrical, int days)
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-12", t => t["holdbacks"] = JsonNode.Parse($$"""[{ "until": { "date": "{{theatrical}}", "name": "theatrical premiere" }, "days": {{days}} }]"""));
        AddTitle(scenario, "b", 80, "2027-03-26");
        AddTitle(scenario, "c", 60, "2027-04-09");
        return scenario;
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_HoldbackEndingAfterThePreferredDate_PushesThePremiereToItsEnd(PlanEngine engine)
    {
        // The film opens in cinemas 02-20 and may stream 21 days later, 03-13: the next Friday is 03-19.
        var plan = Plan(Slate("2027-02-20", 21), engine).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)));
            Assert.That(DateOf(plan, "b"), Is.EqualTo(D(3, 26)));
            Assert.That(DateOf(plan, "c"), Is.EqualTo(D(4, 9)));
        });
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_HoldbackEndingOnThePreferredDate_ChangesNothing(PlanEngine engine)
    {
        var plan = Plan(Slate("2027-02-20", 20), engine).Plan!;

        Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 12)));
    }

    [Test]
    public void Plan_SequelCannotFollowAHeldBackTitle_IsInfeasibleNamingTheHoldback()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "s1", 100, "2027-03-19", t => t["holdbacks"] = JsonNode.Parse("""[{ "until": { "date": "2027-03-01", "name": "theatrical premiere" }, "days": 31 }]"""));
        AddTitle(scenario, "s2", 50, "2027-04-30", t => t["after"] = JsonNode.Parse("""[{ "title": "s1", "minGapDays": 35 }]"""));

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Reasons, Is.EqualTo(new[] { "sequel s2 must release at least 35 days after s1, but s1 cannot release before 2027-04-02 (held back by theatrical premiere until 2027-04-01) and s2 must release by 2027-04-30 (region us)" }));
        });
    }
}
