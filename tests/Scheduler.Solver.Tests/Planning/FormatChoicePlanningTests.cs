using System.Text.Json.Nodes;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// Formats as a decision (docs/scenario-format.md) on three-title slates, planned by the CP-SAT
/// engine and by the greedy baseline (the harness verifies every plan against the scenario as
/// written): the format that is worth most where it fits, the one the rules leave, and none for an
/// optional title left out.
/// </summary>
public class FormatChoicePlanningTests
{
    private static readonly PlanEngine[] Engines = [PlanEngine.CpSat, PlanEngine.Greedy];

    private static JsonArray Formats(string json) => JsonNode.Parse(json)!.AsArray();

    private static TitlePlan Row(Plan plan, string title) => plan.Titles.Single(t => t.Id == title);

    // "show" prefers 04-09: weekly (3 drops) is worth 5% more there than binge; a week early, 10% less.
    private static JsonObject WeeklyOrBinge(string? rightsEnd)
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 80, "2027-03-12");
        AddTitle(scenario, "show", 100, "2027-04-09", t =>
        {
            t["formats"] = Formats("""[{ "id": "binge" }, { "id": "weekly", "drops": 3, "valueFactor": 1.05 }]""");
            if (rightsEnd is not null)
            {
                t["availableUntil"] = new JsonObject { ["us"] = rightsEnd };
            }
        });
        AddTitle(scenario, "c", 60, "2027-04-23");
        return scenario;
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_WeeklyFitsOnThePreferredDate_ChoosesItsHigherFactor(PlanEngine engine)
    {
        var plan = Plan(WeeklyOrBinge(null), engine).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That((Row(plan, "show").Format, DateOf(plan, "show")), Is.EqualTo(("weekly", D(4, 9))));
            Assert.That(Row(plan, "show").Value, Is.EqualTo(105).Within(1e-9));
            Assert.That(plan.Releases.Single(r => r.Title == "show").Drops.Select(d => d.Date), Is.EqualTo(new[] { D(4, 9), D(4, 16), D(4, 23) }));
            Assert.That(new[] { Row(plan, "a").Format, Row(plan, "c").Format }, Has.All.Null, "titles without formats name none");
        });
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_RightsEndingBeforeTheWeeklyRunEnds_ChoosesBingeOnThePreferredDate(PlanEngine engine)
    {
        // Weekly would have to premiere by 04-02 to end by 04-16: 94.5, against binge's 100 on 04-09.
        var outcome = Plan(WeeklyOrBinge("2027-04-16"), engine);
        var plan = outcome.Plan!;

        Assert.Multiple(() =>
        {
            Assert.That((Row(plan, "show").Format, DateOf(plan, "show")), Is.EqualTo(("binge", D(4, 9))));
            Assert.That(plan.Kpis.Objective, Is.EqualTo(80 + 100 + 60).Within(1e-9));
            Assert.That(plan.Solver.Objective, Is.EqualTo(plan.Kpis.Objective));
            Assert.That(outcome.Status, Is.EqualTo(engine == PlanEngine.CpSat ? PlanningStatus.Optimal : PlanningStatus.Heuristic));
        });
    }

    // "show" is tied to 04-02 (half its value lost a week away); weekly dilutes a competing event over its drops.
    private static JsonObject AgainstAFinal(string start, string end)
    {
        var scenario = OneRegion();
        scenario["events"] = JsonNode.Parse($$"""[{ "id": "final", "name": "Cup final", "kind": "sports", "start": "{{start}}", "end": "{{end}}", "impact": 0.6 }]""");
        AddTitle(scenario, "a", 80, "2027-03-12");
        AddTitle(scenario, "show", 100, "2027-04-02", t =>
        {
            t["delayCostPerWeek"] = 0.5;
            t["formats"] = Formats("""[{ "id": "binge" }, { "id": "weekly", "drops": 3, "valueFactor": 0.9 }]""");
        });
        AddTitle(scenario, "c", 60, "2027-04-23");
        return scenario;
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_CompetingEventMovesOffThePremiereWeek_FlipsTheFormatFromWeeklyToBinge(PlanEngine engine)
    {
        // On the premiere's week the final takes 60% of a binge drop (40), but one drop in three of a weekly run (72).
        var onPremiere = Plan(AgainstAFinal("2027-04-02", "2027-04-08"), engine).Plan!;

        // Two weeks later it takes nothing from the binge drop (100) and still one weekly drop in three.
        var later = Plan(AgainstAFinal("2027-04-16", "2027-04-22"), engine).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That((Row(onPremiere, "show").Format, DateOf(onPremiere, "show"), Row(onPremiere, "show").Value), Is.EqualTo(("weekly", D(4, 2), 72.0)).Using<(string?, NodaTime.LocalDate, double)>(Near));
            Assert.That((Row(later, "show").Format, DateOf(later, "show"), Row(later, "show").Value), Is.EqualTo(("binge", D(4, 2), 100.0)).Using<(string?, NodaTime.LocalDate, double)>(Near));
        });
    }

    [Test]
    public void Compare_VariantMovingTheCompetingEvent_FlipsTheFormatInTheVariantsPlan()
    {
        var scenario = AgainstAFinal("2027-04-02", "2027-04-08");
        scenario["variants"] = JsonNode.Parse("""[{ "id": "final-later", "changes": { "events": [{ "id": "final", "start": "2027-04-16", "end": "2027-04-22" }] } }]""");
        var document = Scenarios.Load(scenario);
        PlanRequest Request(string? variant) => new(
            document.Resolve(variant), new PlanScenario(document.Scenario.Name, document.Sha256, variant), PlanEngine.CpSat, TimeSpan.FromSeconds(20), 1e-9, 1);

        var comparison = new WhatIfComparer(new ReleasePlanner(TimeProvider.System))
            .Compare(Request(null), [new VariantJob("final-later", Request("final-later"), [])], 1);

        var variant = comparison.Variants.Single().Outcome!;
        Assert.Multiple(() =>
        {
            Assert.That(Row(comparison.Base.VerifiedPlan!, "show").Format, Is.EqualTo("weekly"));
            Assert.That(Row(variant.VerifiedPlan!, "show").Format, Is.EqualTo("binge"));
            Assert.That(DateOf(variant.VerifiedPlan!, "show"), Is.EqualTo(D(4, 2)));
            Assert.That(variant.Status, Is.EqualTo(PlanningStatus.Optimal));
            Assert.That(comparison.Variants.Single().Diff!.FormatChanges, Is.EqualTo(new[] { new FormatChange("show", "weekly", "binge") }));
            Assert.That(comparison.Variants.Single().Diff!.Summary(comparison.Base.VerifiedPlan!), Is.EqualTo("Objective +28 (+13.21%); changes the format of show (weekly to binge)."));
        });
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_MandatoryTitleWhoseSequelLeavesOnlyItsSecondFormat_ReleasesInIt(PlanEngine engine)
    {
        // Weekly (worth half as much again) would end on 04-23 at the earliest, after the sequel's pinned 04-16.
        var scenario = OneRegion();
        AddTitle(scenario, "a", 80, "2027-03-12");
        AddTitle(scenario, "special", 100, "2027-04-09", t =>
        {
            t["earliest"] = "2027-04-09";
            t["formats"] = Formats("""[{ "id": "weekly", "drops": 3, "valueFactor": 1.5 }, { "id": "binge" }]""");
        });
        AddTitle(scenario, "sequel", 50, "2027-04-16", t =>
        {
            t["pinned"] = "2027-04-16";
            t["after"] = JsonNode.Parse("""[{ "title": "special", "minGapDays": 0 }]""");
        });

        var outcome = Plan(scenario, engine);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(engine == PlanEngine.CpSat ? PlanningStatus.Optimal : PlanningStatus.Heuristic), string.Join("; ", outcome.Reasons));
            Assert.That((Row(outcome.Plan!, "special").Format, DateOf(outcome.Plan!, "special")), Is.EqualTo(("binge", D(4, 9))));
            Assert.That(DateOf(outcome.Plan!, "sequel"), Is.EqualTo(D(4, 16)));
        });
    }

    [Test]
    public void Plan_MandatoryTitleThatFitsInNoFormatWithItsSequel_IsInfeasibleNamingIt()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "special", 100, "2027-04-09", t =>
        {
            t["earliest"] = "2027-04-09";
            t["formats"] = Formats("""[{ "id": "weekly", "drops": 3 }, { "id": "biweekly", "drops": 2, "dropIntervalDays": 14 }]""");
        });
        AddTitle(scenario, "sequel", 50, "2027-04-16", t =>
        {
            t["pinned"] = "2027-04-16";
            t["after"] = JsonNode.Parse("""[{ "title": "special", "minGapDays": 0 }]""");
        });

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Plan, Is.Null);
            Assert.That(outcome.Reasons, Has.Some.Contains("special"));
            Assert.That(outcome.Reasons, Has.None.Contains("special.weekly").And.None.Contains("special.biweekly"), "a format is named as the title in it");
        });
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_OptionalTitleWithFormatsThatFitsNowhere_IsLeftOutInNoFormat(PlanEngine engine)
    {
        // One release a day, and 04-09, the only date of "extra", is announced for "a".
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "a", 100, "2027-04-09", t => t["pinned"] = "2027-04-09");
        AddTitle(scenario, "extra", 300, "2027-04-09", t =>
        {
            t["optional"] = true;
            t["earliest"] = "2027-04-09";
            t["latest"] = "2027-04-09";
            t["formats"] = Formats("""[{ "id": "binge" }, { "id": "weekly", "drops": 2 }]""");
        });
        AddTitle(scenario, "c", 60, "2027-03-19");

        var outcome = Plan(scenario, engine);

        Assert.Multiple(() =>
        {
            Assert.That(Row(outcome.Plan!, "extra"), Is.EqualTo(new TitlePlan("extra", false, null, null, 0)));
            Assert.That(outcome.Plan!.Releases.Select(r => r.Title), Is.EquivalentTo(new[] { "a", "c" }));
        });
    }

    [Test]
    public void PlanFile_RoundTrip_KeepsTheChosenFormatAndPassesTheVerifier()
    {
        var document = Scenarios.Load(AgainstAFinal("2027-04-02", "2027-04-08"));
        var plan = Plan(AgainstAFinal("2027-04-02", "2027-04-08")).Plan!;

        var json = PlanJson.Write(plan);
        var read = PlanJson.Read(json);

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.Parse(json)!["titles"]!.AsArray().Select(t => t!["format"]?.GetValue<string>()), Is.EqualTo(new[] { null, null, "weekly" }));
            Assert.That(read.Titles.Select(t => t.Format), Is.EqualTo(plan.Titles.Select(t => t.Format)));
            Assert.That(read.Releases.Single(r => r.Title == "show").Drops, Has.Length.EqualTo(3));
            Assert.That(new PlanVerifier(new ValueModel(document.Scenario)).Verify(read).Violations, Is.Empty);
        });
    }

    [Test]
    public void PlanFile_NamingAnotherFormatThanTheReleasesKeep_FailsVerification()
    {
        var document = Scenarios.Load(AgainstAFinal("2027-04-02", "2027-04-08"));
        var plan = Plan(AgainstAFinal("2027-04-02", "2027-04-08")).Plan!;
        var binge = plan with { Titles = [.. plan.Titles.Select(t => t.Id == "show" ? t with { Format = "binge" } : t)] };

        Assert.That(new PlanVerifier(new ValueModel(document.Scenario)).Verify(binge).IsValid, Is.False);
    }

    private static bool Near((string?, NodaTime.LocalDate, double) x, (string?, NodaTime.LocalDate, double) y)
        => x.Item1 == y.Item1 && x.Item2 == y.Item2 && Math.Abs(x.Item3 - y.Item3) <= 1e-9;
}
