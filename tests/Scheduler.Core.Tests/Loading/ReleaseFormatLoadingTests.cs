using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Loading;

/// <summary>Reading drops, dropIntervalDays and availableUntil, and the conflicts they can cause before any solving.</summary>
public class ReleaseFormatLoadingTests
{
    private static string Rejected(Action<JsonObject> change)
    {
        var document = Scenarios.Minimal();
        change(document);
        return Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document))!.Message;
    }

    [Test]
    public void Load_TitleWithoutFormatFields_IsOneWholeSeasonDropWithoutRightsEnds()
    {
        var title = Scenarios.LoadScenario(Scenarios.Minimal()).TitlesById["a"];

        Assert.Multiple(() =>
        {
            Assert.That(title.Drops, Is.EqualTo(1));
            Assert.That(title.DropIntervalDays, Is.EqualTo(7));
            Assert.That(title.AvailableUntil, Is.Empty);
            Assert.That(title.LastDropOffsetDays, Is.Zero);
        });
    }

    [Test]
    public void Load_FormatFields_AreRead()
    {
        var document = Scenarios.Minimal();
        var a = Scenarios.Title(document, 0);
        a["drops"] = 2;
        a["dropIntervalDays"] = 28;
        a["availableUntil"] = new JsonObject { ["uk"] = "2027-04-30" };

        var title = Scenarios.LoadScenario(document).TitlesById["a"];

        Assert.Multiple(() =>
        {
            Assert.That(title.Drops, Is.EqualTo(2));
            Assert.That(title.DropIntervalDays, Is.EqualTo(28));
            Assert.That(title.AvailableUntil, Is.EquivalentTo(new Dictionary<string, LocalDate> { ["uk"] = new(2027, 4, 30) }));
            Assert.That(title.LastDropDate(new LocalDate(2027, 3, 5)), Is.EqualTo(new LocalDate(2027, 4, 2)));
        });
    }

    [Test]
    public void Load_DropsAndIntervalOutOfRange_NameTheirPaths()
    {
        var message = Rejected(d =>
        {
            Scenarios.Title(d, 0)["drops"] = 0;
            Scenarios.Title(d, 1)["drops"] = 53;
            Scenarios.Title(d, 1)["dropIntervalDays"] = 367;
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 3 errors:\n" +
            "$.titles[0].drops: must be at least 1 and at most 52, found the number 0\n" +
            "$.titles[1].drops: must be at least 1 and at most 52, found the number 53\n" +
            "$.titles[1].dropIntervalDays: must be at least 1 and at most 366, found the number 367"));
    }

    [Test]
    public void Load_RightsEndOutsideTheTitlesRegions_IsRejected()
    {
        var message = Rejected(d =>
        {
            Scenarios.Title(d, 0)["regions"] = new JsonArray("us");
            Scenarios.Title(d, 0)["availableUntil"] = new JsonObject { ["uk"] = "2027-04-30", ["fr"] = "2027-04-30" };
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 2 errors:\n" +
            "$.titles[0].availableUntil.fr: title 'a' names unknown region 'fr'\n" +
            "$.titles[0].availableUntil.uk: title 'a' has a rights end in region 'uk', which is not one of its regions"));
    }

    [Test]
    public void Load_LastDropCannotMeetTheRightsEnd_NamesTitleRegionAndDates()
    {
        var message = Rejected(d =>
        {
            Scenarios.Title(d, 0)["drops"] = 8;
            Scenarios.Title(d, 0)["availableUntil"] = new JsonObject { ["uk"] = "2027-04-01" };
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 1 error:\n" +
            "$.titles[0]: title 'a' cannot fit its 8 drops (7 days apart) in region 'uk': its earliest premiere, 2027-03-05, puts the last drop on 2027-04-23, after 2027-04-01 (availableUntil)"));
    }

    [Test]
    public void Load_LastDropCannotMeetTheHorizonEnd_IsReportedForEveryRegion()
    {
        var message = Rejected(d => Scenarios.Title(d, 1)["drops"] = 10);

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 2 errors:\n" +
            "$.titles[1]: title 'b' cannot fit its 10 drops (7 days apart) in region 'us': its earliest premiere, 2027-03-05, puts the last drop on 2027-05-07, after 2027-04-30 (horizon end)\n" +
            "$.titles[1]: title 'b' cannot fit its 10 drops (7 days apart) in region 'uk': its earliest premiere, 2027-03-05, puts the last drop on 2027-05-07, after 2027-04-30 (horizon end)"));
    }

    [Test]
    public void Load_EveryPremiereHasALaterDropOnABlackout_NamesTheBlackout()
    {
        var message = Rejected(d =>
        {
            d["blackoutDates"] = new JsonArray("2027-03-12", "2027-03-26", "2027-04-09", "2027-04-23");
            Scenarios.Title(d, 0)["regions"] = new JsonArray("us");
            Scenarios.Title(d, 0)["drops"] = 2;
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 1 error:\n" +
            "$.titles[0]: title 'a' has no premiere in region 'us' from 2027-03-05 to 2027-04-16 whose later drops all miss the blackout dates there (premiering on 2027-03-05 puts drop 1 on 2027-03-12)"));
    }

    [Test]
    public void Load_PinWhoseDropsCannotFit_IsRejected()
    {
        var message = Rejected(d =>
        {
            d["blackoutDates"] = new JsonArray("2027-03-26");
            Scenarios.Title(d, 0)["drops"] = 4;
            Scenarios.Title(d, 0)["pinned"] = new JsonObject { ["us"] = "2027-04-16", ["uk"] = "2027-03-12" };
        });

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 2 errors:\n" +
            "$.titles[0].pinned.us: title 'a' is pinned to 2027-04-16 in region 'us', which puts the last of its 4 drops on 2027-05-07, after 2027-04-30 (horizon end)\n" +
            "$.titles[0].pinned.uk: title 'a' is pinned to 2027-03-12 in region 'uk', which puts drop 2 on 2027-03-26, a blackout date there"));
    }

    [Test]
    public void Resolve_VariantChangingTheFormat_AppliesIt()
    {
        var document = Scenarios.Minimal();
        document["variants"] = new JsonArray(new JsonObject
        {
            ["id"] = "weekly",
            ["changes"] = new JsonObject
            {
                ["titles"] = new JsonArray(new JsonObject { ["id"] = "a", ["drops"] = 6, ["dropIntervalDays"] = 7, ["availableUntil"] = new JsonObject { ["us"] = "2027-04-30" } }),
            },
        });

        var title = Scenarios.Load(document).Resolve("weekly").TitlesById["a"];

        Assert.Multiple(() =>
        {
            Assert.That(title.Drops, Is.EqualTo(6));
            Assert.That(title.AvailableUntil["us"], Is.EqualTo(new LocalDate(2027, 4, 30)));
        });
    }
}
