using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Generation;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Values;

/// <summary>The drop-averaged value of the release formats, and its agreement with the single-drop value, as docs/scenario-format.md gives them.</summary>
public class DropValueTests
{
    [Test]
    public void Value_SeveralDrops_TakesThePremieresTimingAndTheMeanOfEachDropsConditions()
    {
        // Seasonal index 2 from 03-15: of the drops 03-12, 03-19 and 03-26, two are in high season.
        var document = Scenarios.Minimal();
        document["seasonality"] = JsonNode.Parse("""{ "default": [ { "from": "03-15", "to": "03-31", "index": 2.0 } ] }""");
        var a = Scenarios.Title(document, 0);
        a["drops"] = 3;
        a["preferred"] = "2027-03-05";
        a["delayCostPerWeek"] = 0.1;
        var model = new ValueModel(Scenarios.LoadScenario(document));
        var title = model.Scenario.TitlesById["a"];
        var premiere = new LocalDate(2027, 3, 12);

        var value = model.Value(title, "us", premiere);
        var breakdown = model.Explain(title, "us", premiere);

        Assert.Multiple(() =>
        {
            // base 100 * 3/4, timing 0.9 (a week late), conditions (1 + 2 + 2) / 3.
            Assert.That(value, Is.EqualTo(75 * 0.9 * 5 / 3).Within(1e-12));
            Assert.That(breakdown.Value, Is.EqualTo(value));
            Assert.That(breakdown.Drops.Select(d => (d.Index, d.Date, d.Seasonal)), Is.EqualTo(new[]
            {
                (0, premiere, 1.0), (1, new LocalDate(2027, 3, 19), 2.0), (2, new LocalDate(2027, 3, 26), 2.0),
            }));
        });
    }

    [Test]
    public void Value_CompetingEventOverALaterDrop_CutsOnlyThatDropsShare()
    {
        var document = Scenarios.Minimal();
        document["events"] = JsonNode.Parse("""[ { "id": "final", "name": "Final", "kind": "sports", "start": "2027-03-19", "end": "2027-03-25", "impact": 0.5 } ]""");
        Scenarios.Title(document, 0)["drops"] = 2;
        var model = new ValueModel(Scenarios.LoadScenario(document));

        var value = model.Value(model.Scenario.TitlesById["a"], "uk", new LocalDate(2027, 3, 12));

        // base 100 * 1/4; the premiere's week is clear, the second drop's week loses half: (1 + 0.5) / 2.
        Assert.That(value, Is.EqualTo(25 * 0.75).Within(1e-12));
    }

    [Test]
    public void Value_OneDropOnRandomSlates_AgreesExactlyWithTheScenarioFormula()
    {
        var slates = from titles in Gen.Choose(1, 8)
                     from regions in Gen.Choose(1, 4)
                     from seed in Gen.Choose(0, 1_000_000)
                     from interval in Gen.Choose(Title.MinDropIntervalDays, Title.MaxDropIntervalDays)
                     select (new GeneratorOptions(titles, regions, 1, seed), interval);

        var property = Prop.ForAll(slates.ToArbitrary(), slate =>
        {
            var model = new ValueModel(Scenarios.LoadScenario(ScenarioGenerator.Generate(slate.Item1)));
            var scenario = model.Scenario;
            foreach (var title in scenario.Titles)
            {
                // The interval means nothing with one drop: a title that only differs there is worth the same.
                var other = new Title(title.ToSpec() with { DropIntervalDays = slate.interval });
                foreach (var region in title.Regions)
                {
                    foreach (var date in scenario.Horizon.Where(d => d.Day % 5 == 0))
                    {
                        var formula = model.Base(title, region) * model.Seasonal(region, date) * model.Genre(title, date)
                                      * model.Competition(title, region, date) * ValueModel.Timing(title, date);
                        if (model.Value(title, region, date) != formula || model.Value(other, region, date) != formula
                            || model.Explain(title, region, date).Value != formula)
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }
}
