using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Values;

/// <summary>Inside the schema's ranges, no combination of factors makes a value infinite or NaN.</summary>
public class ValueLimitsTests
{
    // The schema's extremes, and the values around zero where a product could turn into 0 x infinity.
    private static readonly double[] Magnitudes = [0, 1e-12, 1e-9, 1, 1e9];

    [Test]
    public void Value_AnyFactorsInsideTheirRanges_IsFiniteAndNotNegative()
    {
        var factors = Gen.Elements(Magnitudes);
        var indexes = Gen.Elements(0.0, 1e-9, 1.0, 100.0);
        var audiences = Gen.Elements(1e-9, 1.0, 1e9);
        var property = Prop.ForAll(
            Gen.Zip(Gen.Zip(factors, factors), Gen.Zip(indexes, audiences)).ToArbitrary(),
            sample =>
            {
                var ((demand, affinity), (index, audience)) = sample;
                var document = Scenarios.Minimal();
                document["regions"]![0]!["audience"] = audience;
                Scenarios.Title(document, 0)["demand"] = demand;
                Scenarios.Title(document, 0)["affinity"] = new JsonObject { ["us"] = affinity };
                document["seasonality"] = JsonNode.Parse($$"""{ "default": [ { "from": "01-01", "to": "12-31", "index": {{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}} } ], "genres": { "drama": [ { "from": "01-01", "to": "12-31", "index": {{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}} } ] } }""");
                var model = new ValueModel(Scenarios.LoadScenario(document));
                var title = model.Scenario.TitlesById["a"];

                var value = model.Value(title, "us", new NodaTime.LocalDate(2027, 3, 5));

                return double.IsFinite(value) && value >= 0;
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }
}
