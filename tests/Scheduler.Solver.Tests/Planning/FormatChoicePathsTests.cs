using System.Text.Json.Nodes;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// Formats as a decision beyond one plan: alternatives and best effort choose formats exactly
/// (replans and fits: their own tests).
/// </summary>
public class FormatChoicePathsTests
{
    private static JsonArray Formats(string json) => JsonNode.Parse(json)!.AsArray();

    internal static PlanRequest Request(Core.Domain.Scenario scenario)
        => new(scenario, new PlanScenario(scenario.Name, "sha", null), PlanEngine.CpSat, TimeSpan.FromSeconds(20), 1e-9, 1);

    // "show" is worth 105 weekly on 04-09 and 100 there as one binge drop.
    internal static JsonObject Slate()
    {
        var scenario = OneRegion();
        scenario["objective"] = new JsonObject { ["moveCost"] = 1.0 };
        AddTitle(scenario, "a", 80, "2027-03-12");
        AddTitle(scenario, "show", 100, "2027-04-09", t => t["formats"] = Formats("""[{ "id": "binge" }, { "id": "weekly", "drops": 3, "valueFactor": 1.05 }]"""));
        AddTitle(scenario, "c", 60, "2027-04-23");
        return scenario;
    }

    [Test]
    public void Alternatives_TheNearestPlanDiffersInTheFormatAlone_IsFoundAndVerified()
    {
        // Global releases only, so that no plan differs by a mode that changes nothing in one region.
        var document = Slate();
        foreach (var title in document["titles"]!.AsArray())
        {
            title!["release"] = "global";
        }

        var scenario = Scenarios.LoadScenario(document);
        var planner = new ReleasePlanner(TimeProvider.System);
        var best = planner.Plan(Request(scenario)).VerifiedPlan!;

        var found = planner.Alternatives(Request(scenario), best, new AlternativeOptions(1, 0.05, 1));

        var alternative = found.Alternatives.Single().VerifiedPlan!;
        Assert.Multiple(() =>
        {
            Assert.That(best.Titles.Single(t => t.Id == "show").Format, Is.EqualTo("weekly"));
            Assert.That(alternative.Titles.Single(t => t.Id == "show").Format, Is.EqualTo("binge"));
            Assert.That(DateOf(alternative, "show"), Is.EqualTo(D(4, 9)));
            Assert.That(alternative.Kpis.Objective, Is.EqualTo(80 + 100 + 60).Within(1e-9));
        });
    }

    [Test]
    public void BestEffort_TitleWithFormatsThatFitsNowhere_IsLeftOutWithTheFormatNearestToFitting()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-04-09", t =>
        {
            t["pinned"] = "2027-04-09";
            t["priority"] = "must";
        });
        AddTitle(scenario, "b", 50, "2027-04-09", t =>
        {
            t["earliest"] = "2027-04-09";
            t["latest"] = "2027-04-09";
            t["availableUntil"] = new JsonObject { ["us"] = "2027-04-20" };
            t["formats"] = Formats("""[{ "id": "weekly", "drops": 3 }, { "id": "binge" }]""");
        });

        var outcome = Plan(scenario, bestEffort: true);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Partial));
            Assert.That(outcome.Plan!.LeftOut.Single().Title, Is.EqualTo("b"));
            Assert.That(outcome.Plan.LeftOut.Single().Reason, Does.StartWith("in format binge (the first of weekly, binge its own rules allow on some date), "));
        });
    }

    [Test]
    public void Reference_TitleNoLongerInTheScenarioWithASiblingsId_IsNoTitleOfThePlan()
    {
        // The base of a what-if had a title "show.weekly"; the variant dropped it and gave "show" a weekly format.
        var scenario = Scenarios.LoadScenario(Slate());
        var us = (string date) => System.Collections.Immutable.ImmutableDictionary<string, NodaTime.LocalDate>.Empty.Add("us", NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value);
        var request = Request(scenario) with
        {
            Reference =
            [
                new Assignment("show", PlanModes.Global, us("2027-04-09")) { Format = "weekly" },
                new Assignment("show.weekly", PlanModes.Global, us("2027-04-16")),
            ],
        };

        var plan = new ReleasePlanner(TimeProvider.System).Plan(request).VerifiedPlan!;

        Assert.Multiple(() =>
        {
            Assert.That((plan.Titles.Single(t => t.Id == "show").Format, DateOf(plan, "show")), Is.EqualTo(("weekly", D(4, 9))));
            Assert.That(plan.Titles.Select(t => t.Id), Is.EqualTo(new[] { "a", "c", "show" }));
        });
    }
}
