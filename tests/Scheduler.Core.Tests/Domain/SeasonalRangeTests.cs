using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Scheduler.Core.Domain;

namespace Scheduler.Core.Tests.Domain;

public class SeasonalRangeTests
{
    private static readonly LocalDate FirstDay = new(2027, 1, 1);

    [Test]
    public void Contains_AnyRangeAndDay_AgreesWithWalkingTheRangeDayByDay()
    {
        // Generates ranges as (start offset, length) in a non-leap year, then checks Contains against
        // an explicit walk from the start day, which is how a planner reads "from .. to, wrapping".
        var ranges = from start in Gen.Choose(0, 364)
                     from length in Gen.Choose(1, 365)
                     from probe in Gen.Choose(0, 364)
                     select (start, length, probe);

        Prop.ForAll(ranges.ToArbitrary(), t =>
        {
            var from = FirstDay.PlusDays(t.start);
            var to = from.PlusDays(t.length - 1);
            var range = new SeasonalRange(new AnnualDate(from.Month, from.Day), new AnnualDate(to.Month, to.Day), 2.0);
            var probe = FirstDay.PlusDays(t.probe);
            var walked = Enumerable.Range(0, t.length)
                .Select(i => from.PlusDays(i))
                .Any(d => d.Month == probe.Month && d.Day == probe.Day);
            return range.Contains(probe) == walked;
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void Constructor_StartOnLeapDay_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new SeasonalRange(new AnnualDate(2, 29), new AnnualDate(3, 10), 1.1));
    }
}
