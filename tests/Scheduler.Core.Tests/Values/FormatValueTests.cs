using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Values;

/// <summary>
/// The value of a title in a format against the contract (docs/scenario-format.md, "Formats as a
/// decision"): valueFactor(f) * base * timing * mean over the format's drops of S * G * competition,
/// for every region and premiere date of a scenario with a season, a genre index and an event.
/// </summary>
public class FormatValueTests
{
    private static readonly string Conditions = """
        { "regions": { "us": [{ "from": "03-01", "to": "03-31", "index": 1.3 }] },
          "genres": { "drama": [{ "from": "04-10", "to": "04-30", "index": 0.8 }] } }
        """;

    private static Scenario Scenario(params ReleaseFormat[] formats)
    {
        var document = Scenarios.Minimal();
        document["seasonality"] = System.Text.Json.Nodes.JsonNode.Parse(Conditions);
        document["events"] = System.Text.Json.Nodes.JsonNode.Parse("""[{ "id": "cup", "name": "Cup", "kind": "sports", "start": "2027-03-20", "end": "2027-04-05", "impact": 0.4 }]""");
        Scenarios.Title(document, 0)["preferred"] = "2027-03-15";
        Scenarios.Title(document, 0)["delayCostPerWeek"] = 0.05;
        var scenario = Scenarios.LoadScenario(document);
        var titles = scenario.Titles.Select(t => t.Id == "a" ? new Title(t.ToSpec() with { Formats = formats }) : t);
        return new Scenario(scenario.ToSpec() with { Titles = [.. titles] });
    }

    [Test]
    public void Value_InEachFormat_IsTheFactorTimesTheDropAveragedValue()
    {
        var scenario = Scenario(FormatPlans.Binge, FormatPlans.Weekly, FormatPlans.TwoParts);
        var values = new ValueModel(scenario);
        var checkedValues = 0;
        foreach (var format in scenario.TitlesById["a"].Formats)
        {
            var title = scenario.TitlesById["a"].InFormat(format.Id);
            foreach (var region in new[] { "us", "uk" })
            {
                for (var premiere = new LocalDate(2027, 3, 1); premiere <= new LocalDate(2027, 4, 30); premiere = premiere.PlusDays(3))
                {
                    var mean = Enumerable.Range(0, format.Drops)
                        .Select(k => premiere.PlusDays(k * format.DropIntervalDays))
                        .Average(d => values.Seasonal(region, d) * values.Genre(title, d) * values.Competition(title, region, d));
                    var expected = format.ValueFactor * values.Base(title, region) * ValueModel.Timing(title, premiere) * mean;

                    Assert.That(values.Value(title, region, premiere), Is.EqualTo(expected).Within(1e-12 * expected), $"{format.Id} {region} {premiere}");
                    Assert.That(values.Explain(title, region, premiere).Value, Is.EqualTo(expected).Within(1e-12 * expected));
                    checkedValues++;
                }
            }
        }

        Assert.That(checkedValues, Is.EqualTo(3 * 2 * 21));
    }

    [Test]
    public void Value_WithFactorOne_IsTheValueWithoutFormats()
    {
        var plain = Scenario();
        var binge = Scenario(FormatPlans.Binge);
        var date = new LocalDate(2027, 3, 22);

        Assert.That(
            new ValueModel(binge).Value(binge.TitlesById["a"], "us", date),
            Is.EqualTo(new ValueModel(plain).Value(plain.TitlesById["a"], "us", date)));
    }

    [Test]
    public void Explain_NamesTheFormatAndItsFactor()
    {
        var scenario = Scenario(FormatPlans.Binge, FormatPlans.Weekly);
        var breakdown = new ValueModel(scenario).Explain(scenario.TitlesById["a"].InFormat("weekly"), "uk", new LocalDate(2027, 3, 8));

        Assert.That((breakdown.Format, breakdown.FormatFactor, breakdown.Drops.Length), Is.EqualTo(("weekly", 1.08, 6)));
    }
}
