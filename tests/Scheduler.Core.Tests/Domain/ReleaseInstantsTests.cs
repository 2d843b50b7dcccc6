using NodaTime;
using Scheduler.Core.Domain;

namespace Scheduler.Core.Tests.Domain;

public class ReleaseInstantsTests
{
    private static Instant Resolve(string zone, int year, int month, int day, int hour, int minute)
        => ReleaseInstants.Resolve(DateTimeZoneProviders.Tzdb[zone], new LocalDate(year, month, day), new LocalTime(hour, minute));

    [Test]
    public void Resolve_GlobalMidnightPacificInSummer_IsSevenUtc()
    {
        Assert.That(Resolve("America/Los_Angeles", 2027, 6, 4, 0, 0), Is.EqualTo(Instant.FromUtc(2027, 6, 4, 7, 0)));
    }

    [Test]
    public void Resolve_MidnightSkippedBySantiagoSpringForward_MovesForwardByTheGap()
    {
        // Chile's clocks go from 00:00 (-04) to 01:00 (-03) on 2027-09-05: midnight does not exist.
        Assert.That(Resolve("America/Santiago", 2027, 9, 5, 0, 0), Is.EqualTo(Instant.FromUtc(2027, 9, 5, 4, 0)));
    }

    [Test]
    public void Resolve_BerlinHalfPastTwoOnSpringChange_MovesForwardByTheGap()
    {
        // 02:30 does not exist on 2027-03-28; shifted one hour forward it is 03:30 CEST.
        Assert.That(Resolve("Europe/Berlin", 2027, 3, 28, 2, 30), Is.EqualTo(Instant.FromUtc(2027, 3, 28, 1, 30)));
    }

    [Test]
    public void Resolve_BerlinHalfPastTwoOnAutumnChange_TakesTheEarlierInstant()
    {
        // 02:30 happens twice on 2027-10-31; the first is still CEST (+02).
        Assert.That(Resolve("Europe/Berlin", 2027, 10, 31, 2, 30), Is.EqualTo(Instant.FromUtc(2027, 10, 31, 0, 30)));
    }
}
