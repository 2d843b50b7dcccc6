using System.Text.Json.Nodes;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Validation;

/// <summary>
/// The schema's dates carry "format": "date", so an editor flags 2027-02-30 as the loader does; the
/// loader's messages stay those of its own date check, once per mistake.
/// </summary>
public class SchemaDateFormatTests
{
    private static string[] Errors(Action<JsonObject> change)
    {
        var document = Scenarios.Minimal();
        change(document);
        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document));
        return [.. ex!.Errors.Select(e => e.ToString())];
    }

    [Test]
    public void Load_DatesInTheFormButNotOnTheCalendar_AreEachRefusedOnce()
    {
        var errors = Errors(d =>
        {
            d["blackoutDates"] = new JsonArray("2027-04-31");
            Scenarios.Title(d, 0)["pinned"] = "2027-02-30";
            Scenarios.Title(d, 1)["pinned"] = new JsonObject { ["uk"] = "2027-02-29" };
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            "$.titles[0].pinned: 2027-02-30 is not a calendar date",
            "$.titles[1].pinned.uk: 2027-02-29 is not a calendar date",
            "$.blackoutDates[0]: 2027-04-31 is not a calendar date",
        }));
    }

    [Test]
    public void Load_DatesNotInTheForm_AreRefusedForTheirFormOnly()
    {
        var errors = Errors(d =>
        {
            d["blackoutDates"] = new JsonArray("2027-4-1");
            Scenarios.Title(d, 0)["pinned"] = "2027-3-19";
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            "$.titles[0].pinned: '2027-3-19' is not a date in the form YYYY-MM-DD",
            "$.blackoutDates[0]: '2027-4-1' is not a date in the form YYYY-MM-DD",
        }));
    }

    // 0000-01-01 is refused by the schema's format (RFC 3339 years start at 0001), 2300-01-01 by the
    // loader's own year range: the message is the same either way.
    [TestCase("0000-01-01")]
    [TestCase("2300-01-01")]
    public void Load_DateOutsideTheSupportedYears_SaysWhichYearsAre(string date)
    {
        var errors = Errors(d => Scenarios.Title(d, 0)["earliest"] = date);

        Assert.That(errors, Is.EqualTo(new[] { $"$.titles[0].earliest: the date {date} is outside the years Scheduler plans in, 1900 to 2200" }));
    }
}
