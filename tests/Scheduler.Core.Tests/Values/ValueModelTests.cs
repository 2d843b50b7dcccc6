using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Values;

public class ValueModelTests
{
    private static ValueModel Model(Action<JsonObject>? change = null)
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["affinity"] = new JsonObject { ["us"] = 1.2 };
        Scenarios.Title(document, 0)["genres"] = new JsonArray("drama", "comedy");
        change?.Invoke(document);
        return new ValueModel(Scenarios.LoadScenario(document));
    }

    private static Title TitleA(ValueModel model) => model.Scenario.TitlesById["a"];

    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    [Test]
    public void Base_ShareTimesAffinity_IsDemandWeightedByRegion()
    {
        var model = Model();

        Assert.Multiple(() =>
        {
            // us: 100 * 3/4 * 1.2; uk: 100 * 1/4 * 1 (affinity defaults to 1).
            Assert.That(model.Base(TitleA(model), "us"), Is.EqualTo(90.0).Within(1e-12));
            Assert.That(model.Base(TitleA(model), "uk"), Is.EqualTo(25.0).Within(1e-12));
        });
    }

    [TestCase(2026, 12, 17, 1.0)]
    [TestCase(2026, 12, 18, 1.3)]
    [TestCase(2026, 12, 31, 1.3)]
    [TestCase(2027, 1, 1, 1.3)]
    [TestCase(2027, 1, 3, 1.3)]
    [TestCase(2027, 1, 4, 1.0)]
    public void Seasonal_RangeWrappingTheNewYear_CoversBothEnds(int year, int month, int day, double expected)
    {
        var model = Model(d => d["seasonality"] = JsonNode.Parse("""{ "default": [{ "from": "12-18", "to": "01-03", "index": 1.3 }] }"""));

        Assert.That(model.Seasonal("us", D(year, month, day)), Is.EqualTo(expected));
    }

    [Test]
    public void Seasonal_RegionList_ReplacesTheDefault()
    {
        var model = Model(d => d["seasonality"] = JsonNode.Parse("""
            { "default": [{ "from": "03-01", "to": "03-31", "index": 1.1 }],
              "regions": { "uk": [{ "from": "03-10", "to": "03-20", "index": 0.8 }] } }
            """));

        Assert.Multiple(() =>
        {
            Assert.That(model.Seasonal("us", D(2027, 3, 5)), Is.EqualTo(1.1));
            Assert.That(model.Seasonal("uk", D(2027, 3, 5)), Is.EqualTo(1.0));
            Assert.That(model.Seasonal("uk", D(2027, 3, 12)), Is.EqualTo(0.8));
        });
    }

    [TestCase("02-28", 2028, 2, 29, 1.2)]
    [TestCase("02-28", 2028, 3, 1, 1.0)]
    [TestCase("02-27", 2028, 2, 29, 1.0)]
    [TestCase("02-29", 2027, 2, 28, 1.2)]
    [TestCase("02-29", 2028, 2, 29, 1.2)]
    [TestCase("03-05", 2028, 2, 29, 1.2)]
    public void Genre_LeapDayAgainstRangeEnd_FollowsTheFeb28Rule(string to, int year, int month, int day, double expected)
    {
        var model = Model(d => d["seasonality"] = JsonNode.Parse(
            $$"""{ "genres": { "drama": [{ "from": "02-01", "to": "{{to}}", "index": 1.2 }], "comedy": [{ "from": "02-01", "to": "{{to}}", "index": 1.2 }] } }"""));

        Assert.That(model.Genre(TitleA(model), D(year, month, day)), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Genre_SeveralGenres_IsTheMeanOfTheirIndices()
    {
        var model = Model(d => d["seasonality"] = JsonNode.Parse("""{ "genres": { "drama": [{ "from": "10-01", "to": "10-31", "index": 1.4 }] } }"""));

        // drama 1.4, comedy has no list (1.0): mean 1.2.
        Assert.That(model.Genre(TitleA(model), D(2027, 10, 15)), Is.EqualTo(1.2).Within(1e-12));
    }

    // Launch window of 7 days; the event runs 2027-03-10 to 2027-03-12.
    [TestCase(2027, 3, 3, 0)]
    [TestCase(2027, 3, 4, 1)]
    [TestCase(2027, 3, 6, 3)]
    [TestCase(2027, 3, 10, 3)]
    [TestCase(2027, 3, 12, 1)]
    [TestCase(2027, 3, 13, 0)]
    public void Overlap_EventAtTheWindowEdges_CountsDaysInside(int year, int month, int day, int expected)
    {
        var overlap = ValueModel.Overlap(new DateInterval(D(2027, 3, 10), D(2027, 3, 12)), D(year, month, day), 7);

        Assert.That(overlap, Is.EqualTo(expected));
    }

    [Test]
    public void Competition_OneDayOverlap_TakesThatFractionOfTheImpact()
    {
        var model = Model(d => d["events"] = JsonNode.Parse("""
            [{ "id": "final", "name": "Final", "kind": "sports", "start": "2027-03-10", "end": "2027-03-12", "impact": 0.7 }]
            """));

        Assert.Multiple(() =>
        {
            Assert.That(model.Competition(TitleA(model), "us", D(2027, 3, 4)), Is.EqualTo(1 - (0.7 / 7)).Within(1e-12));
            Assert.That(model.Competition(TitleA(model), "us", D(2027, 3, 13)), Is.EqualTo(1.0));
        });
    }

    [Test]
    public void Competition_EventsFilteredByRegionAndGenre_ApplyOnlyWhereTheyMatch()
    {
        var model = Model(d => d["events"] = JsonNode.Parse("""
            [{ "id": "uk-final", "name": "UK final", "kind": "sports", "start": "2027-03-12", "end": "2027-03-18", "regions": ["uk"], "impact": 0.5 },
             { "id": "horror-fest", "name": "Horror fest", "kind": "competitor", "start": "2027-03-12", "end": "2027-03-18", "genres": ["horror"], "impact": 0.5 },
             { "id": "comedy-week", "name": "Comedy week", "kind": "cultural", "start": "2027-03-12", "end": "2027-03-18", "genres": ["comedy", "kids"], "impact": 0.2 }]
            """));
        var title = TitleA(model);

        Assert.Multiple(() =>
        {
            Assert.That(model.Competition(title, "us", D(2027, 3, 12)), Is.EqualTo(0.8).Within(1e-12));
            Assert.That(model.Competition(title, "uk", D(2027, 3, 12)), Is.EqualTo(0.5 * 0.8).Within(1e-12));
        });
    }

    [TestCase(2027, 3, 19, 1.0)]
    [TestCase(2027, 3, 26, 0.93)]
    [TestCase(2027, 3, 12, 0.93)]
    [TestCase(2027, 3, 22, 0.97)]
    [TestCase(2027, 3, 16, 0.97)]
    public void Timing_AwayFromPreferred_LosesProRataOnBothSides(int year, int month, int day, double expected)
    {
        var model = Model(d =>
        {
            Scenarios.Title(d, 0)["preferred"] = "2027-03-19";
            Scenarios.Title(d, 0)["delayCostPerWeek"] = 0.07;
        });

        Assert.That(ValueModel.Timing(TitleA(model), D(year, month, day)), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Timing_FarFromPreferred_NeverGoesBelowZero()
    {
        var model = Model(d =>
        {
            Scenarios.Title(d, 0)["preferred"] = "2027-03-19";
            Scenarios.Title(d, 0)["delayCostPerWeek"] = 0.5;
        });

        Assert.That(ValueModel.Timing(TitleA(model), D(2027, 4, 30)), Is.Zero);
    }

    [Test]
    public void Value_AllFactors_MultiplyTogether()
    {
        var model = Model(d =>
        {
            d["seasonality"] = JsonNode.Parse("""
                { "default": [{ "from": "03-01", "to": "03-15", "index": 1.1 }],
                  "genres": { "drama": [{ "from": "03-10", "to": "03-20", "index": 1.2 }] } }
                """);
            d["events"] = JsonNode.Parse("""
                [{ "id": "final", "name": "Final", "kind": "sports", "start": "2027-03-10", "end": "2027-03-12", "impact": 0.7 }]
                """);
            Scenarios.Title(d, 0)["preferred"] = "2027-03-19";
            Scenarios.Title(d, 0)["delayCostPerWeek"] = 0.07;
        });

        var breakdown = model.Explain(TitleA(model), "us", D(2027, 3, 12));

        // 90 (base) * 1.1 (season) * 1.1 (mean of drama 1.2 and comedy 1.0) * 0.9 (one day of the final) * 0.93 (a week early).
        Assert.Multiple(() =>
        {
            Assert.That(breakdown.Value, Is.EqualTo(90 * 1.1 * 1.1 * 0.9 * 0.93).Within(1e-9));
            Assert.That(model.Value(TitleA(model), "us", D(2027, 3, 12)), Is.EqualTo(breakdown.Value).Within(1e-12));
            Assert.That(breakdown.Events.Single().OverlapDays, Is.EqualTo(1));
            Assert.That(breakdown.Events.Single().Event.Id, Is.EqualTo("final"));
        });
    }

    [Test]
    public void ClashCost_SameGenreSameRegionSameIsoWeek_CostsTheRegionShare()
    {
        var model = Model(d =>
        {
            d["objective"] = new JsonObject { ["genreClashCost"] = 2.0 };
            Scenarios.Title(d, 1)["genres"] = new JsonArray("drama");
        });
        var a = TitleA(model);
        var b = model.Scenario.TitlesById["b"];

        Assert.Multiple(() =>
        {
            // Friday and the Sunday after share ISO week 2027-W10: 2 * share(us) * (2 - 1).
            Assert.That(model.ClashCost([(a, "us", D(2027, 3, 12)), (b, "us", D(2027, 3, 14))]), Is.EqualTo(1.5).Within(1e-12));
            // Sunday and the next Monday are in different weeks.
            Assert.That(model.ClashCost([(a, "us", D(2027, 3, 14)), (b, "us", D(2027, 3, 15))]), Is.Zero);
            // Different regions never clash.
            Assert.That(model.ClashCost([(a, "us", D(2027, 3, 12)), (b, "uk", D(2027, 3, 12))]), Is.Zero);
        });
    }

    [Test]
    public void IsoWeek_NewYearsDay2027_BelongsToWeek53Of2026()
    {
        Assert.That(IsoWeek.Of(D(2027, 1, 1)), Is.EqualTo(new IsoWeek(2026, 53)));
    }
}
