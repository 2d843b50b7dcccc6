using System.Collections.Immutable;

namespace Scheduler.Core.Domain;

/// <summary>
/// Rule 12 (docs/scenario-format.md, "Spacing groups"): titles kept apart, such as one franchise's.
/// Its titles are those listed in <see cref="Titles"/> plus every title carrying one of
/// <see cref="Genres"/>; in each of <see cref="Regions"/> (every region when empty), two distinct
/// titles of the group both released there premiere at least <see cref="MinDays"/> days apart.
/// </summary>
public sealed class SpacingGroup
{
    /// <summary>The widest spacing, in days: ten years.</summary>
    public const int MaxMinDays = 3660;

    public SpacingGroup(string id, IEnumerable<string> titles, IEnumerable<string> genres, int minDays, IEnumerable<string> regions)
    {
        Id = Preconditions.CheckId(id);
        Titles = [.. Preconditions.CheckNotNull(titles)];
        Genres = [.. Preconditions.CheckNotNull(genres)];
        Preconditions.CheckArgument(!Titles.IsEmpty || !Genres.IsEmpty, "A spacing group selects titles by id or by genre.");
        MinDays = Preconditions.CheckInRange(minDays, 0, MaxMinDays);
        Regions = [.. Preconditions.CheckNotNull(regions)];
    }

    public string Id { get; }

    /// <summary>Title ids listed by name.</summary>
    public ImmutableArray<string> Titles { get; }

    /// <summary>Genres whose every title belongs to the group.</summary>
    public ImmutableArray<string> Genres { get; }

    /// <summary>The fewest days between two premieres of the group in one region (0 imposes nothing; 1 keeps them off one day).</summary>
    public int MinDays { get; }

    /// <summary>The regions the group holds in; empty means every region.</summary>
    public ImmutableArray<string> Regions { get; }

    public bool HoldsIn(string regionId) => Regions.IsEmpty || Regions.Contains(regionId);

    public bool Selects(Title title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return Titles.Contains(title.Id) || title.Genres.Any(Genres.Contains);
    }
}
