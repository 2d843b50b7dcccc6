using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Tests.Support;
using Scheduler.Publishing.Tests.Support;

namespace Scheduler.Publishing.Tests;

/// <summary>With the clock set to the nights of 2027's daylight-saving changes, releases publish at the instants of rule 10.</summary>
public class DaylightSavingPublicationTests
{
    [TestCase("America/Santiago", 2027, 9, 5, 0, 0, "2027-09-05T04:00:00Z", TestName = "Santiago 00:00 on the spring-forward night publishes at 04:00Z")]
    [TestCase("Europe/Berlin", 2027, 3, 28, 2, 30, "2027-03-28T01:30:00Z", TestName = "Berlin 02:30 on the spring change publishes at 01:30Z")]
    [TestCase("Europe/Berlin", 2027, 10, 31, 2, 30, "2027-10-31T00:30:00Z", TestName = "Berlin 02:30 on the autumn change publishes at 00:30Z")]
    public async Task Serve_LocalReleaseOnADaylightSavingChange_PublishesAtTheRule10Instant(string zone, int year, int month, int day, int hour, int minute, string expected)
    {
        using var fixture = new PublishingFixture();
        var publishAt = ReleaseInstants.Resolve(DateTimeZoneProviders.Tzdb[zone], new LocalDate(year, month, day), new LocalTime(hour, minute));
        Assert.That(InstantPattern.General.Format(publishAt), Is.EqualTo(expected));
        await fixture.AdoptPlanAsync(("dst-title", "local", publishAt));
        var clock = new ShiftedTimeProvider(publishAt.ToDateTimeOffset().AddSeconds(-2));

        using (var host = fixture.Host(time: clock))
        {
            await host.StartAsync();
            await PublishingFixture.WaitUntilAsync(() => fixture.SinkLines().Length > 0, TimeSpan.FromSeconds(15));
            await host.StopAsync();
        }

        using var line = JsonDocument.Parse(fixture.SinkLines().Single());
        var publishedAt = InstantPattern.ExtendedIso.Parse(line.RootElement.GetProperty("publishedAt").GetString()!).Value;
        // Seconds, not an hour: a daylight-saving mistake is off by 3600 s; two leave room for a loaded machine.
        Assert.That((publishedAt - publishAt).TotalSeconds, Is.InRange(0, 2.0));
    }

    [Test]
    public async Task Serve_WeeklyTitleAcrossTheAutumnChange_PublishesEachDropAtMidnightInBerlin()
    {
        using var fixture = new PublishingFixture();
        await fixture.AdoptPlanAsync(Scenarios.Load(PublishingFixture.WeeklyScenario()), PublishingFixture.Staggered("weekly", new LocalDate(2027, 10, 15), "de"));
        IReadOnlyList<Instant> instants;
        await using (var database = await fixture.OpenAsync())
        {
            instants = [.. (await database.Publications.PlanOfRecordDropsAsync()).Select(r => r.PublishAt)];
        }

        // Midnight in Berlin is 22:00Z under summer time, 23:00Z after the clocks go back on 31 October.
        Assert.That(
            instants.Select(i => InstantPattern.General.Format(i)),
            Is.EqualTo(new[] { "2027-10-14T22:00:00Z", "2027-10-21T22:00:00Z", "2027-10-28T22:00:00Z", "2027-11-04T23:00:00Z" }));

        // A week is lived as a fresh start of serve two seconds before each drop's instant.
        for (var drop = 0; drop < instants.Count; drop++)
        {
            using var host = fixture.Host(time: new ShiftedTimeProvider(instants[drop].ToDateTimeOffset().AddSeconds(-2)));
            await host.StartAsync();
            var published = drop + 1;
            await PublishingFixture.WaitUntilAsync(() => fixture.SinkLines().Length >= published, TimeSpan.FromSeconds(15));
            await host.StopAsync();
        }

        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var lines = fixture.SinkLines().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var publishedAt = lines.Select(l => InstantPattern.ExtendedIso.Parse(l.GetProperty("publishedAt").GetString()!).Value).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines.Select(l => $"drop {l.GetProperty("drop").GetInt32()} of {l.GetProperty("drops").GetInt32()} at {l.GetProperty("publishAt").GetString()}"), Is.EqualTo(new[]
            {
                "drop 0 of 4 at 2027-10-14T22:00:00Z",
                "drop 1 of 4 at 2027-10-21T22:00:00Z",
                "drop 2 of 4 at 2027-10-28T22:00:00Z",
                "drop 3 of 4 at 2027-11-04T23:00:00Z",
            }));
            Assert.That(publishedAt.Zip(instants, (actual, due) => (actual - due).TotalSeconds), Has.All.InRange(0, 2.0));
            Assert.That(publishedAt.Select(p => p.InZone(berlin).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture)), Has.All.EqualTo("00:00"));
        }
    }
}
