using System.Text.Json.Nodes;
using Scheduler.Solver.Diagnosis;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Diagnosis;

/// <summary>A catalogue of infeasible scenarios: each explanation names the right titles, regions and dates.</summary>
public class InfeasibilityDiagnoserTests
{
    private static IReadOnlyList<string> Reasons(JsonObject scenario)
    {
        var outcome = Plan(scenario);
        Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
        return outcome.Reasons;
    }

    [Test]
    public void Diagnose_TwoTitlesPinnedToOneDateWithCapacityOne_NamesThemTheDateAndTheRegion()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["pinned"] = "2027-03-19");
        AddTitle(scenario, "b", 50, "2027-03-19", t => t["pinned"] = "2027-03-19");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Reasons(scenario), Is.EqualTo(new[] { "titles a and b are all pinned to 2027-03-19 in region us, where perDay is 1" }));
            Assert.That(
                new InfeasibilityDiagnoser(Core.Tests.Support.Scenarios.LoadScenario(scenario)).Diagnose().Single().Rules,
                Is.EqualTo(new[] { Core.Rules.HardRules.DailyCapacity, Core.Rules.HardRules.Pin }),
                "the conflict cites the rules that cannot both hold");
        }
    }

    [Test]
    public void Diagnose_SequelGapPastTheWindow_NamesBothTitlesAndTheirDates()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "s1", 100, "2027-03-19", t => t["earliest"] = "2027-04-02");
        AddTitle(scenario, "s2", 50, "2027-04-30", t => t["after"] = JsonNode.Parse("""[{ "title": "s1", "minGapDays": 35 }]"""));

        Assert.That(Reasons(scenario), Is.EqualTo(new[] { "sequel s2 must release at least 35 days after s1, but s1 cannot release before 2027-04-02 and s2 must release by 2027-04-30 (region us)" }));
    }

    [Test]
    public void Diagnose_MarketingBudgetTooSmallForPinnedLaunches_NamesTheWeekAndTheTitles()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["marketingBudgetPerWeek"] = 8 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["pinned"] = "2027-03-19"; t["marketingCost"] = 5; });
        AddTitle(scenario, "b", 50, "2027-03-19", t => { t["pinned"] = "2027-03-19"; t["marketingCost"] = 5; });

        Assert.That(Reasons(scenario), Is.EqualTo(new[] { "titles a and b are pinned to launch in week 2027-W11, spending 10 of a marketing budget of 8" }));
    }

    [Test]
    public void Diagnose_StaggerWindowTooShortForReadiness_NamesTheRegionAndBothDates()
    {
        var scenario = OneRegion();
        scenario["regions"]!.AsArray().Add(JsonNode.Parse("""{ "id": "uk", "name": "United Kingdom", "timeZone": "Europe/London", "audience": 1 }"""));
        AddTitle(scenario, "a", 100, "2027-03-05", t =>
        {
            t["release"] = "staggered";
            t["staggerMaxDays"] = 7;
            t["pinned"] = new JsonObject { ["us"] = "2027-03-05" };
            t["readiness"] = new JsonObject { ["uk"] = "2027-04-02" };
        });

        Assert.That(Reasons(scenario), Is.EqualTo(new[] { "title a is staggered within 7 days after its lead region us, which must release by 2027-03-05, but region uk cannot release before 2027-04-02" }));
    }

    [Test]
    public void Diagnose_CapacityTooSmallForTheTitlesOfOneNarrowWindow_NamesTheWindowAndTheTitles()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        foreach (var id in new[] { "a", "b", "c" })
        {
            AddTitle(scenario, id, 10, "2027-03-19", t => { t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-28"; });
        }

        Assert.That(Reasons(scenario), Is.EqualTo(new[] { "3 titles (a, b and c) must all release in region us between 2027-03-19 and 2027-03-26, which has 2 release days for 1 a day" }));
    }

    [Test]
    public void Diagnose_GlobalTitleWithNoCommonReleaseDay_IsReportedByValidation()
    {
        var scenario = OneRegion();
        scenario["regions"]!.AsArray().Add(JsonNode.Parse("""{ "id": "jp", "name": "Japan", "timeZone": "Asia/Tokyo", "audience": 1, "releaseDays": ["thursday"] }"""));
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["release"] = "global");

        var ex = Assert.Throws<Core.Validation.ScenarioValidationException>(() => Core.Tests.Support.Scenarios.Load(scenario));

        Assert.That(ex!.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { "$.titles[0]: title 'a' releases globally, but no date in its window is a release day in all of its regions (us, jp)" }));
    }
}
