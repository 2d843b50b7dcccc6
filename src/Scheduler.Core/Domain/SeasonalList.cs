using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>Non-overlapping seasonal ranges; a day that no range covers has index 1.</summary>
public sealed class SeasonalList
{
    public static readonly SeasonalList Neutral = new([]);

    public SeasonalList(IEnumerable<SeasonalRange> ranges)
    {
        Ranges = [.. Preconditions.CheckNotNull(ranges)];
    }

    public ImmutableArray<SeasonalRange> Ranges { get; }

    public double IndexOn(LocalDate date)
    {
        foreach (var range in Ranges)
        {
            if (range.Contains(date))
            {
                return range.Index;
            }
        }

        return 1.0;
    }
}
