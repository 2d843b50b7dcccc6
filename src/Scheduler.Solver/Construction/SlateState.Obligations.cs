using Scheduler.Core.Domain;

namespace Scheduler.Solver.Construction;

// Rule 13 on the slate: premieres counted per region and period, and what the obligations still miss.
internal sealed partial class SlateState
{
    /// <summary>Rule 13: the premieres in the region from day <paramref name="first"/> to <paramref name="last"/> of titles that <paramref name="counts"/>.</summary>
    public int Premieres(string region, int first, int last, Func<Title, bool> counts)
    {
        var occupants = _occupants[region];
        var total = 0;
        for (var day = Math.Max(0, first); day <= Math.Min(_calendar.Days - 1, last); day++)
        {
            total += occupants[day]?.Count(o => counts(_candidates.Titles[o].Title)) ?? 0;
        }

        return total;
    }

    /// <summary>Rule 13: each obligation, region and period whose matching premieres fall short of its minimum, with the shortfall.</summary>
    public IEnumerable<ObligationShortfall> Shortfalls()
    {
        foreach (var obligation in _scenario.Obligations.Where(o => o.Min > 0))
        {
            foreach (var (first, last) in Periods(obligation))
            {
                foreach (var region in _scenario.Regions.Where(r => obligation.HoldsIn(r.Id)))
                {
                    var count = Premieres(region.Id, first, last, obligation.Selects);
                    if (count < obligation.Min)
                    {
                        yield return new ObligationShortfall(obligation, region.Id, first, last, obligation.Min - count);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Rule 13 near one title: the premieres missing in the obligations' periods that hold
    /// <paramref name="a"/>'s or <paramref name="b"/>'s days of <paramref name="title"/>, counted as if
    /// the title stood at <paramref name="placed"/> (null: nowhere), whatever the slate holds for it now.
    /// </summary>
    public int ShortfallAround(Title title, Placement? a, Placement? b, Placement? placed)
    {
        var missing = 0;
        foreach (var obligation in _scenario.Obligations.Where(o => o.Min > 0 && o.Selects(title)))
        {
            foreach (var region in title.Regions.Where(obligation.HoldsIn))
            {
                var days = new[] { a, b }.OfType<Placement>().Select(p => p.Days[region]);
                foreach (var (first, last) in Periods(obligation).Where(p => days.Any(d => d >= p.First && d <= p.Last)))
                {
                    var count = Premieres(region, first, last, t => t.Id != title.Id && obligation.Selects(t))
                        + (placed is not null && placed.Days[region] >= first && placed.Days[region] <= last ? 1 : 0);
                    missing += Math.Max(0, obligation.Min - count);
                }
            }
        }

        return missing;
    }

    private (int First, int Last)[] Periods(Obligation obligation)
    {
        if (!_periods.TryGetValue(obligation, out var periods))
        {
            periods = _periods[obligation] = [.. obligation.PeriodsWithin(_scenario.Horizon).Select(p => (_calendar.Day(p.Start), _calendar.Day(p.End)))];
        }

        return periods;
    }

    /// <summary>Rule 13: the premieres every obligation still misses, summed over its regions and periods (0 when all are met).</summary>
    public int ObligationShortfall() => _scenario.Obligations.IsEmpty ? 0 : Shortfalls().Sum(s => s.Missing);
}
