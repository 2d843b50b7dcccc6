using System.Text.Json.Nodes;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Diagnosis;

/// <summary>Conflicts that no rule check sees on its own, explained by the solver's core of rules that cannot hold together.</summary>
public class ConflictCoreTests
{
    private static IReadOnlyList<string> Reasons(JsonObject scenario)
    {
        var outcome = Plan(scenario);
        Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
        return outcome.Reasons;
    }

    [Test]
    public void Explain_PinnedPredecessorPushesItsSequelOntoAFullPinnedDay_NamesAllFourRules()
    {
        // a is announced for 03-26, so its sequel b cannot come before 04-02, b's last date, where c is announced and perDay is 1.
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["pinned"] = "2027-03-26");
        AddTitle(scenario, "b", 50, "2027-03-19", t => { t["latest"] = "2027-04-02"; t["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 7 }]"""); });
        AddTitle(scenario, "c", 30, "2027-04-02", t => t["pinned"] = "2027-04-02");

        Assert.That(Reasons(scenario), Is.EqualTo(new[]
        {
            "us on 2027-04-02 takes at most 1 release (perDay), wanted by b, c",
            "sequel b must release at least 7 days after a in us",
            "title a is pinned to 2027-03-26 in us",
            "title c is pinned to 2027-04-02 in us",
        }));
    }

    [Test]
    public void Plan_TitleTheConstructionCannotPlace_NamesTheConflictAmongItsCompetitorsWithoutTheWholeModel()
    {
        // The conflict above in us, beside a slate of titles in uk that compete with none of them.
        var scenario = TwoRegions();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["pinned"] = "2027-03-26"; t["regions"] = new JsonArray("us"); });
        AddTitle(scenario, "b", 50, "2027-03-19", t => { t["latest"] = "2027-04-02"; t["regions"] = new JsonArray("us"); t["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 7 }]"""); });
        AddTitle(scenario, "c", 30, "2027-04-02", t => { t["pinned"] = "2027-04-02"; t["regions"] = new JsonArray("us"); });
        for (var i = 0; i < 6; i++)
        {
            AddTitle(scenario, $"uk{i}", 10 + i, "2027-03-19", t => t["regions"] = new JsonArray("uk"));
        }

        var outcome = Plan(scenario);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Statistics.Variables, Is.Zero, "found among the titles not placed, before the whole model");
            Assert.That(outcome.Reasons, Is.EqualTo(new[]
            {
                "us on 2027-04-02 takes at most 1 release (perDay), wanted by b, c",
                "sequel b must release at least 7 days after a in us",
                "title a is pinned to 2027-03-26 in us",
                "title c is pinned to 2027-04-02 in us",
            }));
        }
    }
}
