using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>A competing event (final, holiday, rival launch) that takes audience from titles launching into it.</summary>
public sealed class CompetingEvent
{
    public CompetingEvent(
        string id,
        string name,
        EventKind kind,
        DateInterval dates,
        IEnumerable<string> regions,
        IEnumerable<string> genres,
        double impact)
    {
        Id = Preconditions.CheckId(id);
        Name = Preconditions.CheckNotNull(name);
        Kind = kind;
        Dates = Preconditions.CheckNotNull(dates);
        Regions = [.. Preconditions.CheckNotNull(regions)];
        Genres = [.. Preconditions.CheckNotNull(genres)];
        Preconditions.CheckArgument(double.IsFinite(impact) && impact >= 0 && impact < 1, "Impact must lie in [0, 1).");
        Impact = impact;
    }

    public string Id { get; }

    public string Name { get; }

    public EventKind Kind { get; }

    /// <summary>The days of the event, inclusive at both ends.</summary>
    public DateInterval Dates { get; }

    /// <summary>Where the event competes; empty means every region.</summary>
    public ImmutableHashSet<string> Regions { get; }

    /// <summary>The genres the event competes with; empty means every title.</summary>
    public ImmutableHashSet<string> Genres { get; }

    /// <summary>Fraction of audience taken when the event overlaps the whole launch window, in [0, 1).</summary>
    public double Impact { get; }

    public bool AppliesTo(Title title, string regionId)
    {
        ArgumentNullException.ThrowIfNull(title);
        return (Regions.IsEmpty || Regions.Contains(regionId))
            && (Genres.IsEmpty || title.Genres.Any(Genres.Contains));
    }

    public override string ToString() => Id;
}
