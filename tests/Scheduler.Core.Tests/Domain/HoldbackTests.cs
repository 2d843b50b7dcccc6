using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Rules;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Domain;

/// <summary>Rule 11 (holdbacks): reading them, the conflicts seen before solving, the verifier and explain.</summary>
public class HoldbackTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);

    private static JsonObject Holdback(string date, int days, params string[] regions)
    {
        var holdback = new JsonObject { ["until"] = new JsonObject { ["date"] = date, ["name"] = "theatrical premiere" }, ["days"] = days };
        if (regions.Length > 0)
        {
            holdback["regions"] = new JsonArray([.. regions.Select(r => (JsonNode)r)]);
        }

        return holdback;
    }

    private static string Rejected(Action<JsonObject> change)
    {
        var document = Scenarios.Minimal();
        change(document);
        return Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document))!.Message;
    }

    [Test]
    public void Load_Holdbacks_NarrowThePremiereWindowOfTheirRegionsOnly()
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["holdbacks"] = new JsonArray(Holdback("2027-03-01", 14, "uk"), Holdback("2027-03-05", 3));
        var scenario = Scenarios.LoadScenario(document);
        var title = scenario.TitlesById["a"];

        Assert.Multiple(() =>
        {
            Assert.That(title.Holdbacks.Select(h => (h.Date, h.Name, h.Days, string.Join(",", h.Regions))), Is.EqualTo(new[]
            {
                (new LocalDate(2027, 3, 1), "theatrical premiere", 14, "uk"),
                (new LocalDate(2027, 3, 5), "theatrical premiere", 3, ""),
            }));
            Assert.That(scenario.PremiereWindowOf(title, "uk")!.Start, Is.EqualTo(new LocalDate(2027, 3, 15)));
            Assert.That(scenario.PremiereWindowOf(title, "us")!.Start, Is.EqualTo(new LocalDate(2027, 3, 8)));
            Assert.That(scenario.WindowOf(title, "uk")!.Start, Is.EqualTo(new LocalDate(2027, 3, 1)), "rule 2's window is the title's own");
            Assert.That(scenario.ReleaseDatesOf(title, "uk").First(), Is.EqualTo(March19));
        });
    }

    [Test]
    public void Load_HoldbackRegionsUnknownOrNotTheTitles_AreRejected()
    {
        var message = Rejected(d =>
        {
            Scenarios.Title(d, 0)["regions"] = new JsonArray("us");
            Scenarios.Title(d, 0)["holdbacks"] = new JsonArray(Holdback("2027-03-01", 14, "fr", "uk"));
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 2 errors:\n" +
            "$.titles[0].holdbacks[0].regions[0]: title 'a' names unknown region 'fr'\n" +
            "$.titles[0].holdbacks[0].regions[1]: title 'a' has a holdback in region 'uk', which is not one of its regions"));
    }

    [Test]
    public void Load_HoldbackPastTheWindowOrAfterAPin_IsRejectedNamingTheDates()
    {
        var message = Rejected(d =>
        {
            Scenarios.Title(d, 0)["holdbacks"] = new JsonArray(Holdback("2027-04-20", 30, "uk"));
            Scenarios.Title(d, 1)["holdbacks"] = new JsonArray(Holdback("2027-03-10", 5));
            Scenarios.Title(d, 1)["pinned"] = "2027-03-12";
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 3 errors:\n" +
            "$.titles[0].holdbacks[0]: title 'a' is held back in region 'uk' by 'theatrical premiere' (2027-04-20) + 30 days until 2027-05-20, after its window ends on 2027-04-30 (horizon end)\n" +
            "$.titles[1].pinned: title 'b' is pinned in region 'us' on 2027-03-12, before its holdback by 'theatrical premiere' (2027-03-10) + 5 days ends on 2027-03-15\n" +
            "$.titles[1].pinned: title 'b' is pinned in region 'uk' on 2027-03-12, before its holdback by 'theatrical premiere' (2027-03-10) + 5 days ends on 2027-03-15"));
    }

    [Test]
    public void Load_HoldbackWithoutItsEventName_IsASchemaError()
    {
        var message = Rejected(d => Scenarios.Title(d, 0)["holdbacks"] = JsonNode.Parse("""[{ "until": { "date": "2027-03-01" }, "days": -1 }]"""));

        Assert.That(message, Does.Contain("$.titles[0].holdbacks[0].until").And.Contain("$.titles[0].holdbacks[0].days"));
    }

    [Test]
    public void Verify_PremiereBeforeTheHoldbackEnds_BreaksRule11InItsRegionOnly()
    {
        // The plan is written against a scenario without the holdback, then verified against one with it.
        var (_, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12), MinimalPlans.Global("b", March19));
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["holdbacks"] = new JsonArray(Holdback("2027-03-01", 14, "uk"));
        var verification = new PlanVerifier(new Core.Values.ValueModel(Scenarios.LoadScenario(document))).Verify(plan);

        Assert.Multiple(() =>
        {
            Assert.That(verification.Sentences.Where(s => s.StartsWith("rule", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "rule 11: title 'a' premieres in 'uk' on 2027-03-12, before its holdback by 'theatrical premiere' (2027-03-01) + 14 days ends on 2027-03-15",
            }));
            Assert.That(verification.Violations.Single(v => v.Rule == HardRules.Holdback).Regions, Is.EqualTo(new[] { "uk" }));
        });
    }

    [Test]
    public void Explain_BetterDateBeforeTheHoldback_IsRuledOutByRule11()
    {
        var (values, plan) = MinimalPlans.Of(
            d =>
            {
                Scenarios.Title(d, 0)["holdbacks"] = new JsonArray(Holdback("2027-03-01", 14, "uk"));
                Scenarios.Title(d, 0)["preferred"] = "2027-03-12";
                Scenarios.Title(d, 0)["delayCostPerWeek"] = 0.1;
            },
            new Assignment("a", PlanModes.Staggered, ImmutableDictionary<string, LocalDate>.Empty.Add("us", March12).Add("uk", March19)),
            MinimalPlans.Global("b", March19));

        var march12 = new DateExplainer(values, plan).Explain("a", "uk")!.Alternatives.Single(a => a.Date == March12);

        Assert.Multiple(() =>
        {
            Assert.That(march12.RuledOutBy, Is.EqualTo(new[] { "held back in uk by theatrical premiere (2027-03-01) + 14 days, until 2027-03-15" }));
            Assert.That(march12.Reasons.Single().Rule, Is.EqualTo(HardRules.Holdback));
        });
    }
}
