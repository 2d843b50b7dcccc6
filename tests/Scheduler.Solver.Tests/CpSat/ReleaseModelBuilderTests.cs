using System.Globalization;
using System.Text.Json.Nodes;
using Scheduler.Core.Rules;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.CpSat;

/// <summary>
/// Per rule family, a three-title model where the rule can bind holds it (naming what it concerns
/// and the titles in it), solving it keeps the rule, and a model where it cannot bind leaves it out.
/// </summary>
public class ReleaseModelBuilderTests
{
    private static ReleaseModel Build(JsonObject scenario, ModelOptions? options = null)
        => new ReleaseModelBuilder(CandidateSet.Build(new ValueModel(Scenarios.LoadScenario(scenario))), options).Build();

    private static List<string> Rules(ReleaseModel model, RuleFamily family)
    {
        var titles = model.Candidates.Scenario.Titles;
        return [.. model.Rules.Where(r => r.Family == family)
            .Select(r => $"{r.Title}|{r.Region}|{r.Date?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}|{r.Detail}|{string.Join(",", r.Members.Select(m => titles[m].Id))}")];
    }

    private static JsonObject ThreeTitles(Action<JsonObject>? a = null, Action<JsonObject>? b = null, Action<JsonObject>? c = null)
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19", a);
        AddTitle(scenario, "b", 80, "2027-03-19", b);
        AddTitle(scenario, "c", 60, "2027-03-19", c);
        return scenario;
    }

    private static void OneDay(JsonObject title)
    {
        title["earliest"] = "2027-03-19";
        title["latest"] = "2027-03-19";
    }

    private static void TwoWeeks(JsonObject title)
    {
        title["earliest"] = "2027-03-12";
        title["latest"] = "2027-03-19";
    }

    [Test]
    public void DailyCapacity_ThreeTitlesOnOneDayForTwo_OneRowWithAllThree()
    {
        var scenario = ThreeTitles(OneDay, OneDay, TwoWeeks);
        scenario["capacity"] = new JsonObject { ["perDay"] = 2 };

        var model = Build(scenario);

        Assert.That(Rules(model, RuleFamily.DailyCapacity), Is.EqualTo(new[] { "|us|2027-03-19||a,b,c" }));
        Assert.That(DateOf(Plan(scenario).Plan!, "c"), Is.EqualTo(D(3, 12)), "the rule binds: c leaves the full day");
    }

    [Test]
    public void DailyCapacity_RoomForEveryone_NoRow()
    {
        var scenario = ThreeTitles(OneDay, OneDay, OneDay);

        Assert.That(Rules(Build(scenario), RuleFamily.DailyCapacity), Is.Empty);
    }

    [Test]
    public void DailyTentpoles_TwoTentpolesOnOneDay_OneRowWithTheTentpolesOnly()
    {
        var scenario = ThreeTitles(t => { OneDay(t); t["tentpole"] = true; }, t => { TwoWeeks(t); t["tentpole"] = true; }, OneDay);

        var model = Build(scenario);

        Assert.That(Rules(model, RuleFamily.DailyTentpoles), Is.EqualTo(new[] { "|us|2027-03-19||a,b" }));
        Assert.That(DateOf(Plan(scenario).Plan!, "b"), Is.EqualTo(D(3, 12)));
    }

    [Test]
    public void DailyTentpoles_OneTentpole_NoRow()
    {
        var scenario = ThreeTitles(t => { OneDay(t); t["tentpole"] = true; }, OneDay, OneDay);

        Assert.That(Rules(Build(scenario), RuleFamily.DailyTentpoles), Is.Empty);
    }

    [Test]
    public void TentpoleSpacing_TentpolesWithinTheSpacing_OneWindowPerOverlap()
    {
        var scenario = ThreeTitles(
            t => { OneDay(t); t["tentpole"] = true; },
            t => { t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-19"; t["tentpole"] = true; },
            OneDay);
        scenario["capacity"] = new JsonObject { ["tentpoleSpacingDays"] = 14 };

        var model = Build(scenario);

        // The window from 03-05 holds b alone; the one from 03-12 holds both.
        Assert.That(Rules(model, RuleFamily.TentpoleSpacing), Is.EqualTo(new[] { "|us|2027-03-12||a,b" }));
        Assert.That(DateOf(Plan(scenario).Plan!, "b"), Is.EqualTo(D(3, 5)));
    }

    [Test]
    public void TentpoleSpacing_TentpolesFarApart_NoWindow()
    {
        var scenario = ThreeTitles(
            t => { t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-05"; t["tentpole"] = true; },
            t => { t["earliest"] = "2027-04-02"; t["latest"] = "2027-04-09"; t["tentpole"] = true; },
            OneDay);
        scenario["capacity"] = new JsonObject { ["tentpoleSpacingDays"] = 14 };

        Assert.That(Rules(Build(scenario), RuleFamily.TentpoleSpacing), Is.Empty);
    }

    [Test]
    public void SequelGap_SequelOfATitle_OneRowPerSharedRegion()
    {
        var scenario = ThreeTitles(c: t => t["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 21 }]"""));

        var model = Build(scenario);

        Assert.That(Rules(model, RuleFamily.SequelGap), Is.EqualTo(new[] { "c|us||a|a,c" }));
        var plan = Plan(scenario).Plan!;
        Assert.That((DateOf(plan, "c") - DateOf(plan, "a")).Days, Is.GreaterThanOrEqualTo(21));
    }

    [Test]
    public void SequelGap_NoSequels_NoRow()
    {
        Assert.That(Rules(Build(ThreeTitles()), RuleFamily.SequelGap), Is.Empty);
    }

    [Test]
    public void StaggerWindow_StaggeredTitleInTwoRegions_OneRuleForTheOtherRegion()
    {
        var scenario = ThreeTitles(
            t => { t["release"] = "staggered"; t["staggerMaxDays"] = 7; t["readiness"] = new JsonObject { ["uk"] = "2027-04-09" }; },
            t => t["release"] = "global",
            t => t["release"] = "global");
        scenario["regions"]!.AsArray().Add(JsonNode.Parse("""{ "id": "uk", "name": "United Kingdom", "timeZone": "Europe/London", "audience": 1 }"""));

        var model = Build(scenario);

        Assert.That(Rules(model, RuleFamily.StaggerWindow), Is.EqualTo(new[] { "a|uk||us|a" }));
        var plan = Plan(scenario).Plan!;
        Assert.That((DateOf(plan, "a", "uk") - DateOf(plan, "a", "us")).Days, Is.InRange(0, 7));
    }

    [Test]
    public void StaggerWindow_GlobalTitles_NoRule()
    {
        var scenario = ThreeTitles(t => t["release"] = "global", t => t["release"] = "global", t => t["release"] = "global");
        scenario["regions"]!.AsArray().Add(JsonNode.Parse("""{ "id": "uk", "name": "United Kingdom", "timeZone": "Europe/London", "audience": 1 }"""));

        Assert.That(Rules(Build(scenario), RuleFamily.StaggerWindow), Is.Empty);
    }

    [Test]
    public void MarketingBudget_LaunchesOverTheWeeksBudget_OneRowPerWeekTheyCanShare()
    {
        var scenario = ThreeTitles(t => { OneDay(t); t["marketingCost"] = 5; }, t => { TwoWeeks(t); t["marketingCost"] = 5; }, OneDay);
        scenario["capacity"] = new JsonObject { ["marketingBudgetPerWeek"] = 8 };

        var model = Build(scenario);

        Assert.That(Rules(model, RuleFamily.MarketingBudget), Is.EqualTo(new[] { "|||2027-W11|a,b" }));
        Assert.That(DateOf(Plan(scenario).Plan!, "b"), Is.EqualTo(D(3, 12)));
    }

    [Test]
    public void MarketingBudget_BudgetForEveryone_NoRow()
    {
        var scenario = ThreeTitles(t => { OneDay(t); t["marketingCost"] = 5; }, t => { OneDay(t); t["marketingCost"] = 5; }, OneDay);
        scenario["capacity"] = new JsonObject { ["marketingBudgetPerWeek"] = 10 };

        Assert.That(Rules(Build(scenario), RuleFamily.MarketingBudget), Is.Empty);
    }

    [Test]
    public void Pin_InAModelWithAssumptions_OneRulePerPinnedRegionEachWithItsOwnAssumption()
    {
        var scenario = ThreeTitles(t => t["pinned"] = "2027-03-26");

        var model = Build(scenario, new ModelOptions { Assumptions = true });
        var optimizing = Build(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(Rules(model, RuleFamily.Pin), Is.EqualTo(new[] { "a|us|2027-03-26||a" }));
            Assert.That(model.Rules.Select(r => r.Assumption), Is.All.GreaterThanOrEqualTo(0));
            Assert.That(model.Rules.Select(r => r.Assumption), Is.Unique);
            Assert.That(model.Proto.Objective, Is.Null, "a model that explains infeasibility has no objective");
            Assert.That(Rules(optimizing, RuleFamily.Pin), Is.Empty, "when optimizing, the pin is applied to the candidates instead");
        });
    }
}
