using System.Text.Json.Nodes;
using Scheduler.Solver.Diagnosis;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Diagnosis;

/// <summary>
/// Slates that do not fit, proven in aggregate before any search: more launches than a run of weeks'
/// marketing budget carries, more titles or tentpoles than a stretch of a region's days holds, a
/// sequel chain longer than its windows. Each is told with its titles and dates, and nothing is built.
/// </summary>
public class AggregateProofTests
{
    private static IReadOnlyList<string> Proof(JsonObject scenario)
    {
        var outcome = Plan(scenario);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That((outcome.Statistics.Variables, outcome.Statistics.Constraints), Is.EqualTo((0, 0)), "proven before a model was built");
        }

        return outcome.Reasons;
    }

    [Test]
    public void Marketing_LaunchesOverTheWholeHorizonsBudget_NamesTheWeeksTheCostAndTheBudget()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["marketingBudgetPerWeek"] = 1 };
        foreach (var id in new[] { "a", "b", "c" })
        {
            AddTitle(scenario, id, 10, "2027-03-19", t => t["marketingCost"] = 4);
        }

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "3 titles (a, b and c) must launch between weeks 2027-W09 and 2027-W17 and carry 12 of marketing cost; those 9 weeks allow 9 (1 a week)" }));
    }

    [Test]
    public void Marketing_LaunchesOverTwoWeeksBudget_NamesThoseWeeks()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["marketingBudgetPerWeek"] = 8 };
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            AddTitle(scenario, id, 10, "2027-03-19", t => { t["marketingCost"] = 5; t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-28"; });
        }

        AddTitle(scenario, "free", 10, "2027-04-09", t => t["marketingCost"] = 5);

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "4 titles (a, b, c and d) must launch between weeks 2027-W11 and 2027-W12 and carry 20 of marketing cost; those 2 weeks allow 16 (8 a week)" }));
    }

    [Test]
    public void Marketing_TwoUnpinnedLaunchesInOneWeek_NamesTheWeek()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["marketingBudgetPerWeek"] = 8 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["marketingCost"] = 5; t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-21"; });
        AddTitle(scenario, "b", 50, "2027-03-19", t => { t["marketingCost"] = 5; t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-21"; });

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "2 titles (a and b) must launch in week 2027-W11 and carry 10 of marketing cost; the week allows 8" }));
    }

    [Test]
    public void Capacity_OverlappingWindowsNoneOfWhichHoldsTheRest_NamesTheStretchOfDays()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 10, "2027-03-19", t => { t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-21"; });
        AddTitle(scenario, "b", 10, "2027-03-19", t => { t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-28"; });
        AddTitle(scenario, "c", 10, "2027-03-26", t => { t["earliest"] = "2027-03-22"; t["latest"] = "2027-04-04"; });
        AddTitle(scenario, "d", 10, "2027-04-02", t => { t["earliest"] = "2027-03-29"; t["latest"] = "2027-04-04"; });

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "4 titles (a, b, c and d) must all release in region us between 2027-03-19 and 2027-04-02, which has 3 release days for 1 a day" }));
    }

    [Test]
    public void Tentpoles_TwoWithinOneSpacing_NamesTheStretchAndTheSpacing()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["tentpoleSpacingDays"] = 14 };
        AddTitle(scenario, "a", 100, "2027-03-05", t => { t["tentpole"] = true; t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-12"; });
        AddTitle(scenario, "b", 50, "2027-03-05", t => { t["tentpole"] = true; t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-12"; });

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "2 tentpoles (a and b) must all release in region us between 2027-03-05 and 2027-03-12, whose 2 release days hold at most 1 tentpole 14 days apart" }));
    }

    [Test]
    public void Tentpoles_TwoOnTheirOnlyDay_NamesTheDay()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["tentpole"] = true; t["earliest"] = "2027-03-19"; t["latest"] = "2027-03-19"; });
        AddTitle(scenario, "b", 50, "2027-03-19", t => { t["tentpole"] = true; t["earliest"] = "2027-03-15"; t["latest"] = "2027-03-21"; });

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "2 tentpoles (a and b) must all release in region us on 2027-03-19, whose 1 release day holds at most 1 tentpole at 1 a day" }));
    }

    [Test]
    public void Tentpoles_ThreeInAMonthTwoWeeksApart_NamesTheStretch()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["tentpoleSpacingDays"] = 14 };
        foreach (var id in new[] { "a", "b", "c" })
        {
            AddTitle(scenario, id, 10, "2027-03-19", t => { t["tentpole"] = true; t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-25"; });
        }

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "3 tentpoles (a, b and c) must all release in region us between 2027-03-05 and 2027-03-19, whose 3 release days hold at most 2 tentpoles 14 days apart" }));
    }

    [Test]
    public void SequelChain_GapsAddingUpPastTheLastTitlesWindow_NamesTheChain()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 10, "2027-03-05", t => t["earliest"] = "2027-03-05");
        AddTitle(scenario, "b", 10, "2027-03-19", t => t["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 14 }]"""));
        AddTitle(scenario, "c", 10, "2027-03-26", t => { t["latest"] = "2027-03-28"; t["after"] = JsonNode.Parse("""[{ "title": "b", "minGapDays": 14 }]"""); });

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "the sequel chain a, b and c cannot fit in region us: a cannot release before 2027-03-05, so with the gaps after each title c cannot release before 2027-04-02, but it must release by 2027-03-26" }));
    }

    [Test]
    public void Tentpoles_TwoPinnedToOneDayUnderSpacing_AreToldThoughTheDayTakesTwo()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["tentpolesPerDay"] = 2, ["tentpoleSpacingDays"] = 14 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["tentpole"] = true; t["pinned"] = "2027-03-19"; });
        AddTitle(scenario, "b", 50, "2027-03-19", t => { t["tentpole"] = true; t["pinned"] = "2027-03-19"; });

        Assert.That(Proof(scenario), Is.EqualTo(new[] { "2 tentpoles (a and b) must all release in region us on 2027-03-19, whose 1 release day holds at most 1 tentpole 14 days apart" }));
    }

    [Test]
    public void Marketing_WeekSpentToTheCentWithLargeAmounts_IsNotRefused()
    {
        // The sum of the two costs exceeds the budget by one rounding step of a double (2.98e-8).
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 2, ["marketingBudgetPerWeek"] = 180258366.98 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["pinned"] = "2027-03-19"; t["marketingCost"] = 99872835.29; });
        AddTitle(scenario, "b", 50, "2027-03-19", t => { t["pinned"] = "2027-03-19"; t["marketingCost"] = 80385531.69; });

        Assert.That(new InfeasibilityDiagnoser(Core.Tests.Support.Scenarios.LoadScenario(scenario)).Diagnose(), Is.Empty);
    }
}
