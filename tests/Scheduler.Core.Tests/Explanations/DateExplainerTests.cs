using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests.Explanations;

public class DateExplainerTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);

    [Test]
    public void Explain_AlternativeOnAFullDay_IsRuledOutByCapacityNamingTheTitles()
    {
        var (values, plan) = MinimalPlans.Of(d => d["capacity"] = new JsonObject { ["perDay"] = 1 }, MinimalPlans.Global("a", March12), MinimalPlans.Global("b", March19));

        var explanation = new DateExplainer(values, plan).Explain("b", "us")!;

        var march12 = explanation.Alternatives.Single(a => a.Date == March12);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(march12.RuledOutBy, Is.EqualTo(new[]
            {
                "capacity full in us on 2027-03-12: a (perDay 1)",
                "capacity full in uk on 2027-03-12: a (perDay 1)",
            }));
            Assert.That(march12.Reasons.Select(r => r.Rule), Has.All.EqualTo(Core.Rules.HardRules.DailyCapacity), "each reason cites its rule from the catalogue");
        }
    }

    [Test]
    public void Explain_AlternativeThatWouldClash_NamesTheClashingTitleAndTheCost()
    {
        var (values, plan) = MinimalPlans.Of(
            d =>
            {
                d["objective"] = new JsonObject { ["genreClashCost"] = 4 };
                Scenarios.Title(d, 1)["genres"] = new JsonArray("drama");
            },
            MinimalPlans.Global("a", March12),
            MinimalPlans.Global("b", March19));

        var explanation = new DateExplainer(values, plan).Explain("b", "us")!;

        var march12 = explanation.Alternatives.Single(a => a.Date == March12);
        Assert.Multiple(() =>
        {
            Assert.That(march12.RuledOutBy, Is.Empty);
            Assert.That(march12.Tradeoff, Is.EqualTo("value 0, but a genre clash with a costs 4: -4 in all"));
            Assert.That(explanation.Breakdown.Value, Is.EqualTo(values.Value(values.Scenario.TitlesById["b"], "us", March19)));
        });
    }

    [Test]
    public void Explain_SequelTooCloseToItsPredecessor_IsRuledOutByTheGap()
    {
        var (values, plan) = MinimalPlans.Of(
            d => Scenarios.Title(d, 1)["after"] = JsonNode.Parse("""[{ "title": "a", "minGapDays": 14 }]"""),
            MinimalPlans.Global("a", March12),
            MinimalPlans.Global("b", new LocalDate(2027, 3, 26)));

        var explanation = new DateExplainer(values, plan).Explain("b", "us")!;

        Assert.That(explanation.Alternatives.Single(a => a.Date == March19).RuledOutBy, Does.Contain("sequel gap: must release at least 14 days after a (2027-03-12) in us"));
    }

    [Test]
    public void Explain_BetterDateBeforeReadiness_IsRuledOutByReadiness()
    {
        var (values, plan) = MinimalPlans.Of(
            d =>
            {
                Scenarios.Title(d, 0)["readiness"] = new JsonObject { ["uk"] = "2027-03-19" };
                Scenarios.Title(d, 0)["preferred"] = "2027-03-12";
                Scenarios.Title(d, 0)["delayCostPerWeek"] = 0.1;
            },
            new Assignment("a", PlanModes.Staggered, ImmutableDictionary<string, LocalDate>.Empty.Add("us", March12).Add("uk", March19)),
            MinimalPlans.Global("b", March19));

        var explanation = new DateExplainer(values, plan).Explain("a", "uk")!;

        Assert.That(explanation.Alternatives.Single(a => a.Date == March12).RuledOutBy, Does.Contain("not ready in uk before 2027-03-19"));
    }
}
