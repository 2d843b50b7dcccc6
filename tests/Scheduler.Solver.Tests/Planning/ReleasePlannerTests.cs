using System.Text.Json.Nodes;
using Scheduler.Core.Plans;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

public class ReleasePlannerTests
{
    [Test]
    public void Plan_SingleTitle_TakesItsPreferredDateAtFullValue()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19");

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Optimal));
            Assert.That(DateOf(outcome.Plan!, "a"), Is.EqualTo(D(3, 19)));
            Assert.That(outcome.Plan!.Kpis.Objective, Is.EqualTo(100).Within(1e-9));
            Assert.That(outcome.Plan.Solver.Gap, Is.EqualTo(0).Within(1e-9));
        });
    }

    [Test]
    public void Plan_CapacityOfOne_PushesTheSmallerTitleToItsSecondBestDate()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-19");
        AddTitle(scenario, "b", 50, "2027-03-19");

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)));
            Assert.That(DateOf(plan, "b"), Is.AnyOf(D(3, 12), D(3, 26)));
            Assert.That(plan.Kpis.Objective, Is.EqualTo(100 + 45).Within(1e-9));
        });
    }

    [Test]
    public void Plan_OneTentpolePerDay_MovesTheSecondTentpole()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["tentpole"] = true);
        AddTitle(scenario, "b", 50, "2027-03-19", t => t["tentpole"] = true);
        AddTitle(scenario, "c", 30, "2027-03-19");

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)));
            Assert.That(DateOf(plan, "c"), Is.EqualTo(D(3, 19)));
            Assert.That(DateOf(plan, "b"), Is.Not.EqualTo(D(3, 19)));
        });
    }

    [Test]
    public void Plan_TentpoleSpacing_KeepsTentpolesTwoWeeksApart()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["tentpoleSpacingDays"] = 14 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["tentpole"] = true);
        AddTitle(scenario, "b", 50, "2027-03-19", t => t["tentpole"] = true);

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)));
            Assert.That(DateOf(plan, "b"), Is.AnyOf(D(3, 5), D(4, 2)));
            Assert.That(plan.Kpis.Objective, Is.EqualTo(100 + 40).Within(1e-9));
        });
    }

    [Test]
    public void Plan_SequelGap_DelaysTheSequelRatherThanTheFirstTitle()
    {
        // a on 03-19 and b on 04-09 (140) beats a on 03-12 and b on 04-02 (135) and a on 03-05 and b on 03-26 (130).
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19");
        AddTitle(scenario, "b", 50, "2027-03-26", t => t["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 21 }]"""));

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)));
            Assert.That(DateOf(plan, "b"), Is.EqualTo(D(4, 9)));
            Assert.That(plan.Kpis.Objective, Is.EqualTo(140).Within(1e-9));
        });
    }

    [Test]
    public void Plan_OptionalPredecessorLeftOut_ImposesNoGap()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-19");
        AddTitle(scenario, "pilot", 1, "2027-03-19", t =>
        {
            t["optional"] = true;
            t["earliest"] = "2027-03-19";
            t["latest"] = "2027-03-19";
        });
        AddTitle(scenario, "b", 50, "2027-03-26", t => t["after"] = JsonNode.Parse("""[{ "title": "pilot", "minGapDays": 60 }]"""));

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(plan.Titles.Single(t => t.Id == "pilot").Scheduled, Is.False);
            Assert.That(DateOf(plan, "b"), Is.EqualTo(D(3, 26)));
        });
    }

    [Test]
    public void Plan_PinnedTitle_KeepsTheAnnouncedDate()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["pinned"] = "2027-03-05");

        var plan = Plan(scenario).Plan!;

        Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 5)));
    }

    [Test]
    public void Plan_MarketingBudget_SpreadsLaunchesOverWeeks()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["marketingBudgetPerWeek"] = 8 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["marketingCost"] = 5);
        AddTitle(scenario, "b", 50, "2027-03-19", t => t["marketingCost"] = 5);

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(3, 19)));
            Assert.That(DateOf(plan, "b"), Is.AnyOf(D(3, 12), D(3, 26)));
        });
    }

    [Test]
    public void Plan_GenreClashCost_SeparatesTitlesOfOneGenreWhenItPays()
    {
        var scenario = OneRegion();
        scenario["objective"] = new JsonObject { ["genreClashCost"] = 10 };
        AddTitle(scenario, "a", 100, "2027-03-19");
        AddTitle(scenario, "b", 50, "2027-03-19");

        var plan = Plan(scenario).Plan!;

        // Together they would lose 10; a week apart b loses only 5.
        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "b"), Is.Not.EqualTo(D(3, 19)));
            Assert.That(plan.Kpis.ClashCost, Is.Zero);
            Assert.That(plan.Kpis.Objective, Is.EqualTo(145).Within(1e-9));
        });
    }

    [Test]
    public void Plan_OptionalTitleThatPays_IsScheduled()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19");
        AddTitle(scenario, "extra", 5, "2027-04-09", t => t["optional"] = true);

        var plan = Plan(scenario).Plan!;

        Assert.That(plan.Titles.Single(t => t.Id == "extra").Scheduled, Is.True);
    }

    [Test]
    public void Plan_OptionalTitleThatCostsMoreThanItBrings_IsLeftOut()
    {
        var scenario = OneRegion();
        scenario["objective"] = new JsonObject { ["genreClashCost"] = 50 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["earliest"] = "2027-03-19"; t["latest"] = "2027-03-19"; });
        AddTitle(scenario, "extra", 5, "2027-03-19", t =>
        {
            t["optional"] = true;
            t["earliest"] = "2027-03-15";
            t["latest"] = "2027-03-21";
        });

        var plan = Plan(scenario).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(plan.Titles.Single(t => t.Id == "extra").Scheduled, Is.False);
            Assert.That(plan.Titles.Single(t => t.Id == "extra").Mode, Is.Null);
            Assert.That(plan.Kpis.TitlesUnscheduled, Is.EqualTo(1));
        });
    }

    [Test]
    public void Plan_TwoTitlesPinnedToOneDateWithCapacityOne_IsInfeasible()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["pinned"] = "2027-03-19");
        AddTitle(scenario, "b", 50, "2027-03-19", t => t["pinned"] = "2027-03-19");

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Plan, Is.Null);
        });
    }

    [Test]
    public void Plan_SequelGapPastTheWindow_IsInfeasibleBeforeSolving()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19", t => t["pinned"] = "2027-04-02");
        AddTitle(scenario, "b", 50, "2027-04-09", t => t["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 35 }]"""));

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Reasons, Is.EqualTo(new[] { "sequel b must release at least 35 days after a, but a cannot release before 2027-04-02 and b must release by 2027-04-30 (region us)" }));
            Assert.That(outcome.Statistics.Variables, Is.Zero);
        });
    }

    [Test]
    public void Plan_GreedyEngine_ReturnsAVerifiedHeuristicPlanWithoutBound()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19");
        AddTitle(scenario, "b", 50, "2027-03-19");

        var outcome = Plan(scenario, PlanEngine.Greedy);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Heuristic));
            Assert.That(outcome.Plan!.Solver.Status, Is.EqualTo(PlanStatuses.Heuristic));
            Assert.That(outcome.Plan.Solver.Bound, Is.Null);
            Assert.That(outcome.Plan.Kpis.Objective, Is.EqualTo(150).Within(1e-9));
        });
    }

    [Test]
    public void Plan_GreedyWithinTheRequestedGapOfTheRelaxationBound_SkipsTheSolver()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19");
        AddTitle(scenario, "b", 50, "2027-04-09");

        var outcome = PlannerHarness.Plan(scenario, relativeGap: 0.01);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Optimal));
            Assert.That(outcome.Plan!.Solver.Engine, Is.EqualTo(ReleasePlanner.BoundedGreedyEngineName));
            Assert.That(outcome.Plan.Solver.Bound, Is.EqualTo(150).Within(1e-9));
            Assert.That(outcome.Statistics.Variables, Is.Zero);
        });
    }

    [Test]
    public void Plan_SolverReturnsABrokenSolution_IsCaughtByTheVerifier()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-03-19", t => { t["earliest"] = "2027-03-19"; t["latest"] = "2027-03-26"; });
        AddTitle(scenario, "b", 50, "2027-03-19", t => { t["earliest"] = "2027-03-19"; t["latest"] = "2027-03-26"; });
        var document = Core.Tests.Support.Scenarios.Load(scenario);
        var request = new PlanRequest(document.Scenario, new PlanScenario("Rule test", document.Sha256, null), PlanEngine.CpSat, TimeSpan.FromSeconds(5), 0, 1);

        var outcome = new ReleasePlanner(TimeProvider.System, new EveryVariableOneSearch()).Plan(request);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Verification!.IsValid, Is.False);
            Assert.That(outcome.Verification.Sentences, Has.Some.StartsWith("rule 5: 2 releases in 'us' on 2027-03-19 (a, b)"));
            Assert.That(
                outcome.Verification.Violations.Where(v => v.Rule == Core.Rules.HardRules.DailyCapacity).Select(v => (string.Join(",", v.Titles), string.Join(",", v.Regions))),
                Is.EqualTo(new[] { ("a,b", "us") }));
        });
    }

    [Test]
    public void Plan_WithReferencePlanAmongEquallyGoodDates_KeepsTheReferenceDates()
    {
        var scenario = OneRegion();
        scenario["titles"]!.AsArray().Add(JsonNode.Parse("""{ "id": "flat", "name": "Flat", "genres": ["drama"], "demand": 100 }"""));
        var document = Core.Tests.Support.Scenarios.Load(scenario);
        var april16 = D(4, 16);
        var request = new PlanRequest(document.Scenario, new PlanScenario("Rule test", document.Sha256, null), PlanEngine.CpSat, TimeSpan.FromSeconds(5), 0.001, 1)
        {
            Reference = [new Assignment("flat", PlanModes.Global, System.Collections.Immutable.ImmutableDictionary<string, NodaTime.LocalDate>.Empty.Add("us", april16))],
        };

        var anchored = new ReleasePlanner(TimeProvider.System).Plan(request).Plan!;
        var independent = new ReleasePlanner(TimeProvider.System).Plan(request with { Reference = null }).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(anchored, "flat"), Is.EqualTo(april16));
            Assert.That(DateOf(independent, "flat"), Is.Not.EqualTo(april16), "without a reference the first of the equally good dates is taken");
            Assert.That(anchored.Kpis.Objective, Is.EqualTo(independent.Kpis.Objective).Within(1e-9));
        });
    }

    /// <summary>A search with a bug: it sets every variable to one and calls that optimal.</summary>
    private sealed class EveryVariableOneSearch : IModelSearch
    {
        public SearchResult Solve(ReleaseModel model, SearchSettings settings, ISearchObserver? observer = null, CancellationToken cancellationToken = default)
            => new(SearchStatus.Optimal, [.. Enumerable.Repeat(1L, model.VariableCount)], 0, 0, TimeSpan.Zero, []);
    }
}
