using System.Text.Json.Nodes;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// Rule 12 (spacing groups) on three titles, planned by the CP-SAT engine and by the greedy baseline
/// (the harness verifies every plan): where it binds, where it cannot, and where it cannot be kept.
/// </summary>
public class SpacingGroupPlanningTests
{
    private static readonly PlanEngine[] Engines = [PlanEngine.CpSat, PlanEngine.Greedy];

    // Three titles of one franchise all want 03-19; capacity would let them share it.
    private static JsonObject Franchise(int minDays, string? regions = null)
    {
        var scenario = TwoRegions();
        scenario["spacingGroups"] = JsonNode.Parse($$"""[{ "id": "saga", "genres": ["saga"], "minDays": {{minDays}}{{(regions is null ? "" : $", \"regions\": {regions}")}} }]""");
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["genres"] = new JsonArray("saga"));
        AddTitle(scenario, "b", 80, "2027-03-19", t => t["genres"] = new JsonArray("saga"));
        AddTitle(scenario, "c", 60, "2027-03-19");
        return scenario;
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_GroupBinds_KeepsItsTitlesApartInEveryRegion(PlanEngine engine)
    {
        var plan = Plan(Franchise(14), engine).Plan!;

        Assert.Multiple(() =>
        {
            foreach (var region in new[] { "us", "uk" })
            {
                Assert.That(Math.Abs(NodaTime.Period.DaysBetween(DateOf(plan, "a", region), DateOf(plan, "b", region))), Is.GreaterThanOrEqualTo(14), region);
            }

            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)), "the larger title keeps its date");
            Assert.That(DateOf(plan, "c"), Is.EqualTo(D(3, 19)), "a title outside the group is not held off");
        });
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_GroupWithoutSpacing_ChangesNothing(PlanEngine engine)
    {
        var plan = Plan(Franchise(0), engine).Plan!;

        Assert.That(new[] { DateOf(plan, "a"), DateOf(plan, "b"), DateOf(plan, "c") }, Has.All.EqualTo(D(3, 19)));
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_GroupHoldingInOneRegion_LetsAStaggeredTitleShareTheDateElsewhere(PlanEngine engine)
    {
        var scenario = Franchise(14, """["uk"]""");
        scenario["titles"]![1]!["release"] = "staggered";

        var plan = Plan(scenario, engine).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "b", "us"), Is.EqualTo(D(3, 19)));
            Assert.That(Math.Abs(NodaTime.Period.DaysBetween(DateOf(plan, "a", "uk"), DateOf(plan, "b", "uk"))), Is.GreaterThanOrEqualTo(14));
        });
    }

    [Test]
    public void Plan_PinnedGroupTitlesTooClose_IsInfeasibleNamingTheGroup()
    {
        var scenario = OneRegion();
        scenario["spacingGroups"] = JsonNode.Parse("""[{ "id": "saga", "titles": ["a", "b"], "minDays": 14 }]""");
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["pinned"] = "2027-03-19");
        AddTitle(scenario, "b", 80, "2027-03-26", t => t["pinned"] = "2027-03-26");
        AddTitle(scenario, "c", 60, "2027-03-19");

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Reasons, Is.EqualTo(new[] { "2 titles (a and b) of spacing group 'saga' must all release in region us between 2027-03-19 and 2027-03-26, whose 2 release days hold at most 1 of them 14 days apart" }));
        });
    }
}
