using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Domain;

namespace Scheduler.Core.Values;

/// <summary>
/// The value model of the scenario contract: what a title is worth in a region on a date, and the
/// genre-clash cost of a set of releases. Shared by the optimizer, the plan verifier and reports,
/// so that they can never disagree on a number.
/// </summary>
public sealed class ValueModel
{
    private readonly Scenario _scenario;

    // By region: the events that can apply there, in the scenario's order (so that the product of
    // their cuts is taken in the same order as over all events). Most events of a world slate are
    // one country's holidays; without this every value would meet every event.
    private readonly Dictionary<string, CompetingEvent[]> _eventsByRegion;

    public ValueModel(Scenario scenario)
    {
        _scenario = Preconditions.CheckNotNull(scenario);
        _eventsByRegion = scenario.Regions.ToDictionary(
            r => r.Id,
            r => scenario.Events.Where(e => e.Regions.IsEmpty || e.Regions.Contains(r.Id)).ToArray(),
            StringComparer.Ordinal);
    }

    public Scenario Scenario => _scenario;

    /// <summary>base(t,r) = demand(t) * share(r) * affinity(t,r).</summary>
    public double Base(Title title, string regionId)
    {
        ArgumentNullException.ThrowIfNull(title);
        return title.Demand * _scenario.Share(regionId) * title.Affinity[regionId];
    }

    /// <summary>S_r(d).</summary>
    public double Seasonal(string regionId, LocalDate date) => _scenario.Seasonality.RegionIndex(regionId, date);

    /// <summary>G_t(d).</summary>
    public double Genre(Title title, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(title);
        return _scenario.Seasonality.GenreIndex(title.Genres, date);
    }

    /// <summary>The number of days of the launch window <c>[d, d + days - 1]</c> that lie within the event.</summary>
    public static int Overlap(DateInterval eventDates, LocalDate date, int launchWindowDays)
    {
        ArgumentNullException.ThrowIfNull(eventDates);
        var last = date.PlusDays(launchWindowDays - 1);
        var from = LocalDate.Max(date, eventDates.Start);
        var to = LocalDate.Min(last, eventDates.End);
        return from > to ? 0 : Period.DaysBetween(from, to) + 1;
    }

    /// <summary>competition(t,r,d): the product of the cuts of every event that applies to the title in the region.</summary>
    public double Competition(Title title, string regionId, LocalDate date)
    {
        var factor = 1.0;
        foreach (var cut in EventCuts(title, regionId, date))
        {
            factor *= cut.Factor;
        }

        return factor;
    }

    /// <summary>timing(t,d) = max(0, 1 - delayCostPerWeek * |d - preferred| / 7); 1 without a preferred date.</summary>
    public static double Timing(Title title, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (title.Preferred is not { } preferred)
        {
            return 1.0;
        }

        var days = Math.Abs(Period.DaysBetween(preferred, date));
        return Math.Max(0.0, 1.0 - (title.DelayCostPerWeek * days / 7.0));
    }

    /// <summary>
    /// value(t,r,d): with one drop, the product of docs/scenario-format.md, "How a release is valued"; with several (docs/scenario-format.md, "Release formats"), the
    /// premiere's timing factor times the mean over the drops of their seasonal, genre and
    /// competition factors, each on the drop's own date; either times the factor of the format the
    /// title stands in (1 without formats, which leaves every value as it was).
    /// </summary>
    public double Value(Title title, string regionId, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (title.Drops == 1)
        {
            return Base(title, regionId) * Seasonal(regionId, date) * Genre(title, date)
                   * Competition(title, regionId, date) * Timing(title, date) * title.ValueFactor;
        }

        var sum = 0.0;
        for (var index = 0; index < title.Drops; index++)
        {
            sum += Conditions(title, regionId, title.DropDate(date, index));
        }

        return Base(title, regionId) * Timing(title, date) * (sum / title.Drops) * title.ValueFactor;
    }

    public ValueBreakdown Explain(Title title, string regionId, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(title);
        var cuts = EventCuts(title, regionId, date).ToImmutableArray();
        var drops = title.Drops == 1
            ? []
            : Enumerable.Range(0, title.Drops)
                .Select(index => title.DropDate(date, index))
                .Select((dropDate, index) => new DropConditions(
                    index, dropDate, Seasonal(regionId, dropDate), Genre(title, dropDate), Competition(title, regionId, dropDate)))
                .ToImmutableArray();
        return new ValueBreakdown(
            title.Id,
            regionId,
            date,
            Base(title, regionId),
            Seasonal(regionId, date),
            Genre(title, date),
            cuts,
            cuts.Aggregate(1.0, (product, cut) => product * cut.Factor),
            Timing(title, date))
        {
            Drops = drops,
            Format = title.Format,
            FormatFactor = title.ValueFactor,
        };
    }

    // S_r(d) * G_t(d) * competition(t,r,d): the part of the value that each drop takes on its own date.
    private double Conditions(Title title, string regionId, LocalDate date)
        => Seasonal(regionId, date) * Genre(title, date) * Competition(title, regionId, date);

    /// <summary>
    /// genreClashCost * sum over regions r, genres g, ISO weeks w of share(r) * max(0, n(r,g,w) - 1),
    /// where n counts the titles carrying g released in r in week w.
    /// </summary>
    public double ClashCost(IEnumerable<(Title Title, string RegionId, LocalDate Date)> releases)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var weight = _scenario.Objective.GenreClashCost;
        if (weight == 0)
        {
            return 0;
        }

        var counts = new Dictionary<(string Region, string Genre, IsoWeek Week), int>();
        foreach (var (title, regionId, date) in releases)
        {
            var week = IsoWeek.Of(date);
            foreach (var genre in title.Genres.Distinct(StringComparer.Ordinal))
            {
                var key = (regionId, genre, week);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return weight * counts.Where(kv => kv.Value > 1).Sum(kv => _scenario.Share(kv.Key.Region) * (kv.Value - 1));
    }

    private IEnumerable<EventCut> EventCuts(Title title, string regionId, LocalDate date)
    {
        var window = _scenario.LaunchWindowDays;
        foreach (var competing in _eventsByRegion.TryGetValue(regionId, out var events) ? events : [.. _scenario.Events])
        {
            if (!competing.AppliesTo(title, regionId))
            {
                continue;
            }

            var overlap = Overlap(competing.Dates, date, window);
            if (overlap > 0)
            {
                yield return new EventCut(competing, overlap, 1.0 - (competing.Impact * overlap / window));
            }
        }
    }
}
