using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Explanations;

/// <summary>
/// Each moved release says why: forced (its base date breaks a rule of the variant), displaced (a
/// forced move took its date) or an improvement (its base date is still open), judged by the
/// variant's rules.
/// </summary>
public class MoveAttributionTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);
    private static readonly LocalDate March26 = new(2027, 3, 26);
    private static readonly LocalDate April2 = new(2027, 4, 2);
    private static readonly LocalDate April9 = new(2027, 4, 9);

    [Test]
    public void Attribute_ABlackoutOnABusyDay_ForcesItsTitleDisplacesTheOneItLandsOnAndCallsTheRestImprovements()
    {
        var document = Slate();
        var basePlan = PlanOf(new ValueModel(Scenarios.LoadScenario(document)), Global("a", March12), Global("b", March19), Global("c", March26));
        document["regions"]![0]!["blackoutDates"] = new JsonArray("2027-03-12");
        var variantValues = new ValueModel(Scenarios.LoadScenario(document));
        var variantPlan = PlanOf(variantValues, Global("a", March19), Global("b", April2), Global("c", April9));

        var diff = MoveAttribution.Diff(basePlan, variantPlan, variantValues);

        var why = diff.Moved.Where(m => m.Region == "us").ToDictionary(m => m.Title, m => m.Why!);
        var c = variantValues.Scenario.TitlesById["c"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(why["a"], Is.EqualTo(new MoveReason(MoveCause.Forced, ["2027-03-12 is a blackout date in us"], [], null)).Using<MoveReason>(Same));
            Assert.That(why["b"], Is.EqualTo(new MoveReason(
                MoveCause.Displaced,
                ["capacity full in us on 2027-03-19: a (perDay 1)", "capacity full in uk on 2027-03-19: a (perDay 1)"],
                ["a"],
                null)).Using<MoveReason>(Same));
            Assert.That(why["c"].Cause, Is.EqualTo(MoveCause.Improvement));
            Assert.That(why["c"].Gain, Is.EqualTo(variantValues.Value(c, "us", April9) - variantValues.Value(c, "us", March26)).Within(1e-9));
            Assert.That(diff.Summary(basePlan), Does.Contain("6 releases of 3 titles move (2 forced, 2 displaced, 2 improvement)"));
        }
    }

    [Test]
    public void Attribute_TitleTheVariantNoLongerAllowsGlobally_IsForcedByItsMode()
    {
        var document = Slate();
        var basePlan = PlanOf(new ValueModel(Scenarios.LoadScenario(document)), Global("a", March12), Global("b", March19), Global("c", March26));
        Scenarios.Title(document, 0)["release"] = "staggered";
        var variantValues = new ValueModel(Scenarios.LoadScenario(document));
        var staggered = new Assignment("a", PlanModes.Staggered, ImmutableDictionary<string, LocalDate>.Empty.Add("us", April2).Add("uk", April2));
        var variantPlan = PlanOf(variantValues, staggered, Global("b", March19), Global("c", March26));

        var moved = MoveAttribution.Diff(basePlan, variantPlan, variantValues).Moved;

        Assert.That(moved.Select(m => (m.Title, m.Why!.Cause, m.Why.Rules.Single())), Is.EqualTo(new[]
        {
            ("a", MoveCause.Forced, "released staggered only"),
            ("a", MoveCause.Forced, "released staggered only"),
        }));
    }

    private static bool Same(MoveReason x, MoveReason y)
        => x.Cause == y.Cause && x.Rules.SequenceEqual(y.Rules) && x.DisplacedBy.SequenceEqual(y.DisplacedBy) && Nullable.Equals(x.Gain, y.Gain);

    // Three titles, one release a day.
    private static JsonObject Slate()
    {
        var document = Scenarios.Minimal();
        document["capacity"] = new JsonObject { ["perDay"] = 1 };
        document["titles"]!.AsArray().Add(JsonNode.Parse("""{ "id": "c", "name": "C", "genres": ["crime"], "demand": 40 }"""));
        return document;
    }

    private static Plan PlanOf(ValueModel values, params Assignment[] assignments)
        => PlanFactory.Create(values, new PlanScenario("Test", "abc", null), assignments,
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0), Instant.FromUtc(2026, 11, 21, 10, 0));

    private static Assignment Global(string title, LocalDate date)
        => new(title, PlanModes.Global, ImmutableDictionary<string, LocalDate>.Empty.Add("us", date).Add("uk", date));
}
