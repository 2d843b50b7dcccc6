using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Domain;

/// <summary>Rule 13 (obligations): periods, reading them, the verifier and explain.</summary>
public class ObligationTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);

    private static JsonObject WithObligation(string obligation)
    {
        var document = Scenarios.Minimal();
        document["obligations"] = JsonNode.Parse(obligation);
        return document;
    }

    [Test]
    public void PeriodsWithin_CountsOnlyMonthsAndQuartersWhollyInsideTheHorizon()
    {
        var horizon = new DateInterval(new LocalDate(2027, 1, 15), new LocalDate(2027, 9, 30));
        var months = new Obligation("m", ["a"], [], [], 1, ObligationPeriod.Month, []).PeriodsWithin(horizon).Select(Obligation.Name);
        var quarters = new Obligation("q", ["a"], [], [], 1, ObligationPeriod.Quarter, []).PeriodsWithin(horizon).Select(Obligation.Name);

        Assert.Multiple(() =>
        {
            Assert.That(months, Is.EqualTo(new[] { "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2027-09" }));
            Assert.That(quarters, Is.EqualTo(new[] { "2027-Q2", "2027-Q3" }));
        });
    }

    [Test]
    public void Load_Obligation_SelectsByIdGenreAndKind()
    {
        var document = WithObligation("""[{ "id": "local", "titles": ["a"], "kinds": ["film"], "min": 1, "per": "month", "regions": ["uk"] }]""");
        Scenarios.Title(document, 1)["kind"] = "film";
        var scenario = Scenarios.LoadScenario(document);
        var obligation = scenario.Obligations.Single();

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Titles.Where(obligation.Selects).Select(t => t.Id), Is.EqualTo(new[] { "a", "b" }));
            Assert.That((obligation.Min, obligation.Per, obligation.HoldsIn("uk"), obligation.HoldsIn("us")), Is.EqualTo((1, ObligationPeriod.Month, true, false)));
        });
    }

    [Test]
    public void Load_ObligationNamingUnknownThingsOrNothing_IsRejectedAtEachPath()
    {
        var document = WithObligation("""
            [
              { "id": "o", "titles": ["zz"], "genres": ["western"], "min": 1, "per": "month", "regions": ["fr"] },
              { "id": "p", "min": 1, "per": "quarter" }
            ]
            """);

        var message = Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document))!.Message;

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 4 errors:\n" +
            "$.obligations[0].titles[0]: obligation 'o' names unknown title 'zz'\n" +
            "$.obligations[0].genres[0]: obligation 'o' names genre 'western', which no title carries\n" +
            "$.obligations[0].regions[0]: obligation 'o' names unknown region 'fr'\n" +
            "$.obligations[1]: obligation 'p' selects no titles: give titles, genres or kinds"));
    }

    [Test]
    public void Verify_MonthWithTooFewPremieres_BreaksRule13InEachRegionAndMonth()
    {
        var (_, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12), MinimalPlans.Global("b", March19));
        var document = WithObligation("""[{ "id": "two-a-month", "genres": ["drama", "comedy"], "min": 2, "per": "month", "regions": ["uk"] }]""");

        var verification = new PlanVerifier(new ValueModel(Scenarios.LoadScenario(document))).Verify(plan);

        Assert.Multiple(() =>
        {
            Assert.That(verification.Sentences, Is.EqualTo(new[]
            {
                "rule 13: obligation 'two-a-month' needs 2 premieres in 'uk' in 2027-04, the plan has 0",
            }));
            Assert.That(verification.Violations.Single().Dates, Is.EqualTo(new[] { new LocalDate(2027, 4, 1) }));
        });
    }

    [Test]
    public void Explain_MovingATitleOutOfAPeriodItKeepsUp_IsRuledOutByRule13()
    {
        var (values, plan) = MinimalPlans.Of(
            d => d["obligations"] = JsonNode.Parse("""[{ "id": "comedy-monthly", "genres": ["comedy"], "min": 1, "per": "month", "regions": ["us"] }]"""),
            MinimalPlans.Global("a", March12),
            MinimalPlans.Global("b", new LocalDate(2027, 3, 26)));

        var explanation = new DateExplainer(values, plan).Explain("b", "us")!;
        var april = explanation.Alternatives.Where(a => a.Date.Month == 4).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(april, Is.Not.Empty);
            Assert.That(april.Select(a => a.RuledOutBy), Has.All.Contains("obligation 'comedy-monthly' needs 1 premiere in us in 2027-03; without b it has 0"));
        });
    }
}
