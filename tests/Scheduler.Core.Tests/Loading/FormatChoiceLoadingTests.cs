using System.Text.Json.Nodes;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Loading;

/// <summary>Reading a title's formats (docs/scenario-format.md, "Formats as a decision") and what makes them wrong before any solving.</summary>
public class FormatChoiceLoadingTests
{
    private static JsonArray Formats(string json) => JsonNode.Parse(json)!.AsArray();

    private static string Rejected(Action<JsonObject> change)
    {
        var document = Scenarios.Minimal();
        change(document);
        return Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document))!.Message;
    }

    [Test]
    public void Load_Formats_AreReadWithTheirDefaultsAndTheTitleStandsInTheFirst()
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["formats"] = Formats("""[{ "id": "binge" }, { "id": "weekly", "drops": 6, "dropIntervalDays": 14, "valueFactor": 1.25 }]""");

        var title = Scenarios.LoadScenario(document).TitlesById["a"];

        Assert.Multiple(() =>
        {
            Assert.That(title.Formats.Select(f => (f.Id, f.Drops, f.DropIntervalDays, f.ValueFactor)), Is.EqualTo(new[] { ("binge", 1, 7, 1.0), ("weekly", 6, 14, 1.25) }));
            Assert.That((title.Format, title.Drops, title.ValueFactor), Is.EqualTo(("binge", 1, 1.0)));
            Assert.That((title.InFormat("weekly").Drops, title.InFormat("weekly").ValueFactor), Is.EqualTo((6, 1.25)));
        });
    }

    [Test]
    public void Load_FormatsBesideTheTitlesOwnDrops_IsAnErrorAtEachField()
    {
        var message = Rejected(d =>
        {
            Scenarios.Title(d, 0)["formats"] = Formats("""[{ "id": "binge" }, { "id": "weekly", "drops": 4 }]""");
            Scenarios.Title(d, 0)["drops"] = 4;
            Scenarios.Title(d, 0)["dropIntervalDays"] = 7;
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 2 errors:\n" +
            "$.titles[0].drops: title 'a' has formats, each with its own drops and dropIntervalDays: 'drops' belongs in its formats, not on the title\n" +
            "$.titles[0].dropIntervalDays: title 'a' has formats, each with its own drops and dropIntervalDays: 'dropIntervalDays' belongs in its formats, not on the title"));
    }

    [Test]
    public void Load_RepeatedFormatId_NamesBothPlaces()
    {
        var message = Rejected(d => Scenarios.Title(d, 1)["formats"] = Formats("""[{ "id": "weekly", "drops": 4 }, { "id": "binge" }, { "id": "weekly", "drops": 8 }]"""));

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 1 error:\n" +
            "$.titles[1].formats[2].id: format id 'weekly' is already used at $.titles[1].formats[0]"));
    }

    [Test]
    public void Load_FormatsOutsideTheirLimits_AreSchemaErrors()
    {
        var message = Rejected(d =>
        {
            Scenarios.Title(d, 0)["formats"] = Formats("""[{ "id": "weekly", "valueFactor": 0 }]""");
            Scenarios.Title(d, 1)["formats"] = new JsonArray();
        });

        Assert.That(message, Does.StartWith("Scenario 'test.json' has 2 errors:\n"));
        Assert.That(message, Does.Contain("$.titles[0].formats[0].valueFactor: "));
        Assert.That(message, Does.Contain("$.titles[1].formats: "));
    }

    [Test]
    public void Load_AFormatWhoseDropsDoNotFit_IsFineWhenAnotherFits()
    {
        // Eight weekly drops from the first Friday end on 04-23, after the rights end in the UK.
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["formats"] = Formats("""[{ "id": "weekly", "drops": 8 }, { "id": "binge" }]""");
        Scenarios.Title(document, 0)["availableUntil"] = new JsonObject { ["uk"] = "2027-04-01" };

        var title = Scenarios.LoadScenario(document).TitlesById["a"];

        Assert.That(title.Formats.Select(f => f.Id), Is.EqualTo(new[] { "weekly", "binge" }));
    }

    [Test]
    public void Load_NoFormatFits_ReportsTheFirstFormatsConflictNamingIt()
    {
        var message = Rejected(d =>
        {
            Scenarios.Title(d, 0)["formats"] = Formats("""[{ "id": "weekly", "drops": 8 }, { "id": "fortnightly", "drops": 5, "dropIntervalDays": 14 }]""");
            Scenarios.Title(d, 0)["availableUntil"] = new JsonObject { ["uk"] = "2027-04-01" };
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 1 error:\n" +
            "$.titles[0]: title 'a' cannot fit its 8 drops (7 days apart) in region 'uk': its earliest premiere, 2027-03-05, puts the last drop on 2027-04-23, after 2027-04-01 (availableUntil) (in format 'weekly'; none of its 2 formats fits)"));
    }

    [Test]
    public void Load_VariantChangingOneFormat_MergesItById()
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["formats"] = Formats("""[{ "id": "binge" }, { "id": "weekly", "drops": 4 }]""");
        document["variants"] = JsonNode.Parse("""
            [{ "id": "longer", "changes": { "titles": [{ "id": "a", "formats": [{ "id": "weekly", "drops": 6, "valueFactor": 1.1 }] }] } }]
            """);

        var variant = Scenarios.Load(document).Resolve("longer");

        Assert.That(variant.TitlesById["a"].Formats.Select(f => (f.Id, f.Drops, f.ValueFactor)), Is.EqualTo(new[] { ("binge", 1, 1.0), ("weekly", 6, 1.1) }));
    }
}
