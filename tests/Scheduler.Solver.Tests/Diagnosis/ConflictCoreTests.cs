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
}
