using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>Seasonal demand indices: a default list, per-region lists that replace it, and per-genre lists.</summary>
public sealed class Seasonality
{
    public static readonly Seasonality Neutral = new(
        SeasonalList.Neutral,
        ImmutableDictionary<string, SeasonalList>.Empty,
        ImmutableDictionary<string, SeasonalList>.Empty);

    public Seasonality(
        SeasonalList defaultList,
        ImmutableDictionary<string, SeasonalList> regions,
        ImmutableDictionary<string, SeasonalList> genres)
    {
        Default = Preconditions.CheckNotNull(defaultList);
        Regions = Preconditions.CheckNotNull(regions);
        Genres = Preconditions.CheckNotNull(genres);
    }

    public SeasonalList Default { get; }

    public ImmutableDictionary<string, SeasonalList> Regions { get; }

    public ImmutableDictionary<string, SeasonalList> Genres { get; }

    /// <summary>S_r(d): the region's own list if it has one, else the default list.</summary>
    public double RegionIndex(string regionId, LocalDate date)
        => (Regions.TryGetValue(regionId, out var list) ? list : Default).IndexOn(date);

    /// <summary>G_t(d): the mean over the genres of the per-genre index (1 for a genre without a list).</summary>
    public double GenreIndex(IReadOnlyList<string> genres, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(genres);
        var sum = 0.0;
        foreach (var genre in genres)
        {
            sum += Genres.TryGetValue(genre, out var list) ? list.IndexOn(date) : 1.0;
        }

        return sum / genres.Count;
    }
}
