using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>The calendar periods an obligation counts in.</summary>
public enum ObligationPeriod { Month, Quarter }

/// <summary>
/// Rule 13 (docs/scenario-format.md, "Obligations"): a lower bound. In each of <see cref="Regions"/>
/// (every region when empty), each calendar month or quarter that lies wholly inside the horizon
/// holds at least <see cref="Min"/> premieres of matching titles: those listed in <see cref="Titles"/>,
/// carrying one of <see cref="Genres"/> or of one of <see cref="Kinds"/>.
/// </summary>
public sealed class Obligation
{
    /// <summary>The most premieres an obligation may ask for in one period.</summary>
    public const int MaxMin = 1000;

    public Obligation(string id, IEnumerable<string> titles, IEnumerable<string> genres, IEnumerable<TitleKind> kinds, int min, ObligationPeriod per, IEnumerable<string> regions)
    {
        Id = Preconditions.CheckId(id);
        Titles = [.. Preconditions.CheckNotNull(titles)];
        Genres = [.. Preconditions.CheckNotNull(genres)];
        Kinds = [.. Preconditions.CheckNotNull(kinds)];
        Preconditions.CheckArgument(!Titles.IsEmpty || !Genres.IsEmpty || !Kinds.IsEmpty, "An obligation selects titles by id, genre or kind.");
        Min = Preconditions.CheckInRange(min, 0, MaxMin);
        Per = per;
        Regions = [.. Preconditions.CheckNotNull(regions)];
    }

    public string Id { get; }

    public ImmutableArray<string> Titles { get; }

    public ImmutableArray<string> Genres { get; }

    public ImmutableArray<TitleKind> Kinds { get; }

    /// <summary>The fewest premieres of matching titles in each period of each region.</summary>
    public int Min { get; }

    public ObligationPeriod Per { get; }

    /// <summary>The regions the obligation holds in; empty means every region.</summary>
    public ImmutableArray<string> Regions { get; }

    public bool HoldsIn(string regionId) => Regions.IsEmpty || Regions.Contains(regionId);

    public bool Selects(Title title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return Titles.Contains(title.Id) || title.Genres.Any(Genres.Contains) || Kinds.Contains(title.Kind);
    }

    /// <summary>The calendar months or quarters that lie wholly inside <paramref name="horizon"/>, in order.</summary>
    public IEnumerable<DateInterval> PeriodsWithin(DateInterval horizon)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        var months = Per == ObligationPeriod.Month ? 1 : 3;
        var start = new LocalDate(horizon.Start.Year, ((horizon.Start.Month - 1) / months * months) + 1, 1);
        for (; start <= horizon.End; start = start.PlusMonths(months))
        {
            var end = start.PlusMonths(months).PlusDays(-1);
            if (start >= horizon.Start && end <= horizon.End)
            {
                yield return new DateInterval(start, end);
            }
        }
    }

    /// <summary>A period as planners name it: <c>2027-03</c> for a month, <c>2027-Q1</c> for a quarter.</summary>
    public static string Name(DateInterval period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var start = period.Start;
        return period.Length > 31
            ? string.Create(CultureInfo.InvariantCulture, $"{start.Year:0000}-Q{((start.Month - 1) / 3) + 1}")
            : string.Create(CultureInfo.InvariantCulture, $"{start.Year:0000}-{start.Month:00}");
    }
}
