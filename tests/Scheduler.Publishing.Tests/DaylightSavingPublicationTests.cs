using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;

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
        fixture.AdoptPlan(("dst-title", "local", publishAt));
        var clock = new ShiftedTimeProvider(publishAt.ToDateTimeOffset().AddSeconds(-2));

        using (var host = fixture.Host(time: clock))
        {
            await host.StartAsync();
            await PublishingFixture.WaitUntilAsync(() => fixture.SinkLines().Length > 0, TimeSpan.FromSeconds(15));
            await host.StopAsync();
        }

        using var line = JsonDocument.Parse(fixture.SinkLines().Single());
        var publishedAt = InstantPattern.ExtendedIso.Parse(line.RootElement.GetProperty("publishedAt").GetString()!).Value;
        Assert.That((publishedAt - publishAt).TotalSeconds, Is.InRange(0, 1.0));
    }
}
