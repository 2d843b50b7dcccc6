using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Application.Calendars;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Reports.Feeds;
using ICalendar = Ical.Net.Calendar;

namespace Scheduler.Reports.Tests.Feeds;

/// <summary>Feeds parsed back with Ical.Net and checked event by event against the plan.</summary>
public class ReleaseFeedTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);
    private static readonly LocalDate April2 = new(2027, 4, 2);

    /// <summary>'a' staggered (us 2027-03-12, before New York's clocks change on 03-14; uk <paramref name="aInUk"/>), 'b' global on 2027-04-02.</summary>
    private static (ScenarioInput Input, Plan Plan) Planned(LocalDate aInUk, Action<JsonObject>? change = null)
    {
        var document = Scenarios.Minimal();
        change?.Invoke(document);
        var (_, plan) = MinimalPlans.Of(
            d => change?.Invoke(d),
            new Assignment("a", PlanModes.Staggered, ImmutableDictionary<string, LocalDate>.Empty.Add("us", March12).Add("uk", aInUk)),
            MinimalPlans.Global("b", April2));
        return (ScenarioInput.Of(Scenarios.Load(document), null), plan);
    }

    private static FeedSource Source(ScenarioInput input, params Plan[] history)
        => new(input, history[^1], 1, ReleaseFeeds.Sequences(history), Instant.FromUtc(2027, 1, 4, 9, 30));

    [Test]
    public void Write_EveryRegion_HasOneEventPerReleaseAtItsInstantAcrossTheClockChange()
    {
        var (input, plan) = Planned(March19);

        var calendar = ICalendar.Load(ReleaseFeed.Write(Source(input, plan), null))!;

        var events = calendar.Events.OrderBy(e => e.Uid, StringComparer.Ordinal).ToList();
        var expected = plan.Releases.OrderBy(r => ReleaseFeed.Uid(r.Title, r.Region, 0), StringComparer.Ordinal).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Uid), Is.EqualTo(expected.Select(r => ReleaseFeed.Uid(r.Title, r.Region, 0))));
            Assert.That(events.Select(e => Instant.FromDateTimeUtc(e.Start!.AsUtc)), Is.EqualTo(expected.Select(r => r.PublishAt)));
            Assert.That(calendar.TimeZones.Select(z => z.TzId), Is.EquivalentTo(new[] { "America/New_York", "Europe/London" }));
        });
    }

    [Test]
    public void Write_OneRegion_GivesLocalTimesInItsZoneBeforeAndAfterTheClockChange()
    {
        var (input, plan) = Planned(March19);

        var calendar = ICalendar.Load(ReleaseFeed.Write(Source(input, plan), "us"))!;

        var a = calendar.Events.Single(e => e.Uid == "a.us.0@scheduler");
        var b = calendar.Events.Single(e => e.Uid == "b.us.0@scheduler");
        Assert.Multiple(() =>
        {
            Assert.That(calendar.Events, Has.Count.EqualTo(2));
            Assert.That(a.Start!.TzId, Is.EqualTo("America/New_York"));
            Assert.That((a.Start.Year, a.Start.Month, a.Start.Day, a.Start.Hour, a.Start.Minute), Is.EqualTo((2027, 3, 12, 0, 0)), "midnight, New York's release time");
            Assert.That(a.Start.AsUtc, Is.EqualTo(new DateTime(2027, 3, 12, 5, 0, 0, DateTimeKind.Utc)), "EST, UTC-5");

            // The global launch is midnight in Los Angeles: 03:00 in New York, both on summer time.
            Assert.That((b.Start!.Day, b.Start.Hour), Is.EqualTo((2, 3)));
            Assert.That(b.Start.AsUtc, Is.EqualTo(new DateTime(2027, 4, 2, 7, 0, 0, DateTimeKind.Utc)), "EDT, UTC-4");
            Assert.That(a.Summary, Is.EqualTo("A"));
            Assert.That(a.Location, Is.EqualTo("United States"));
            Assert.That(a.Categories, Is.EqualTo(new[] { "drama" }));
        });
    }

    [Test]
    public void Write_WeeklyTitle_GivesEachDropItsOwnEvent()
    {
        var (input, plan) = Planned(March19, d => { Scenarios.Title(d, 0)["drops"] = 3; });

        var calendar = ICalendar.Load(ReleaseFeed.Write(Source(input, plan), "uk"))!;

        var drops = calendar.Events.Where(e => e.Uid!.StartsWith("a.", StringComparison.Ordinal)).OrderBy(e => e.Start!.AsUtc).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(drops.Select(e => e.Uid), Is.EqualTo(new[] { "a.uk.0@scheduler", "a.uk.1@scheduler", "a.uk.2@scheduler" }));
            Assert.That(drops.Select(e => e.Summary), Is.EqualTo(new[] { "A: drop 1 of 3", "A: drop 2 of 3", "A: drop 3 of 3" }));
            Assert.That(drops.Select(e => Instant.FromDateTimeUtc(e.Start!.AsUtc)), Is.EqualTo(plan.Releases.Single(r => r.Title == "a" && r.Region == "uk").Drops.Select(d => d.PublishAt)));
        });
    }

    [Test]
    public void Write_AfterAReplanMovesARelease_KeepsEveryUidAndRaisesOnlyTheMovedOnesSequence()
    {
        var (input, before) = Planned(March19);
        var (_, after) = Planned(new LocalDate(2027, 3, 26));

        var first = ICalendar.Load(ReleaseFeed.Write(Source(input, before), null))!;
        var second = ICalendar.Load(ReleaseFeed.Write(Source(input, before, after), null))!;

        Assert.Multiple(() =>
        {
            Assert.That(second.Events.Select(e => e.Uid), Is.EquivalentTo(first.Events.Select(e => e.Uid)));
            Assert.That(first.Events.Select(e => e.Sequence), Has.All.EqualTo(0));
            Assert.That(second.Events.Where(e => e.Sequence > 0).Select(e => (e.Uid, e.Sequence)), Is.EqualTo(new[] { ("a.uk.0@scheduler", 1) }));
            Assert.That(second.Events.Single(e => e.Uid == "a.uk.0@scheduler").Start!.Day, Is.EqualTo(26));
        });
    }

    [Test]
    public void Write_HorizonYearsAhead_DescribesTheZonesSummerAndWinterRules()
    {
        var document = Scenarios.Minimal();
        document["horizon"] = new JsonObject { ["start"] = "2031-03-01", ["end"] = "2031-04-30" };
        var (_, plan) = MinimalPlans.Of(d => d["horizon"] = new JsonObject { ["start"] = "2031-03-01", ["end"] = "2031-04-30" },
            MinimalPlans.Global("a", new LocalDate(2031, 3, 7)), MinimalPlans.Global("b", new LocalDate(2031, 4, 4)));
        var input = ScenarioInput.Of(Scenarios.Load(document), null);

        var text = ReleaseFeed.Write(new FeedSource(input, plan, 1, ReleaseFeeds.Sequences([plan]), Instant.FromUtc(2026, 11, 30, 9, 0)), "us");

        var zone = text[text.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal)..text.IndexOf("END:VTIMEZONE", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(zone, Does.Contain("TZID:America/New_York"));
            Assert.That(zone, Does.Contain("BEGIN:STANDARD").And.Contain("BEGIN:DAYLIGHT"));
            Assert.That(ICalendar.Load(text)!.Events.Select(e => Instant.FromDateTimeUtc(e.Start!.AsUtc)), Is.EquivalentTo(plan.Releases.Where(r => r.Region == "us").Select(r => r.PublishAt)));
        });
    }

    [Test]
    public void Write_UnknownRegion_Throws()
    {
        var (input, plan) = Planned(March19);

        Assert.That(() => ReleaseFeed.Write(Source(input, plan), "fr"), Throws.ArgumentException.With.Message.StartsWith("Scenario 'Test' has no region 'fr'."));
    }
}
