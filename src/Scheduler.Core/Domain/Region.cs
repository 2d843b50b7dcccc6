using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>A region: its own time zone, audience weight and release calendar (already merged with the scenario's).</summary>
public sealed class Region
{
    public Region(
        string id,
        string name,
        DateTimeZone timeZone,
        double audience,
        LocalTime releaseTime,
        IEnumerable<IsoDayOfWeek> releaseDays,
        IEnumerable<LocalDate> blackoutDates)
    {
        Id = Preconditions.CheckId(id);
        Name = Preconditions.CheckNotNull(name);
        TimeZone = Preconditions.CheckNotNull(timeZone);
        Audience = Preconditions.CheckPositive(audience);
        ReleaseTime = releaseTime;
        ReleaseDays = [.. Preconditions.CheckNotNull(releaseDays)];
        Preconditions.CheckArgument(!ReleaseDays.IsEmpty, "A region needs at least one release day.");
        BlackoutDates = [.. Preconditions.CheckNotNull(blackoutDates)];
    }

    public string Id { get; }

    public string Name { get; }

    public DateTimeZone TimeZone { get; }

    /// <summary>Relative audience weight, &gt; 0.</summary>
    public double Audience { get; }

    /// <summary>Local time at which staggered releases go live.</summary>
    public LocalTime ReleaseTime { get; }

    /// <summary>The effective release days: the region's own list, else the scenario's.</summary>
    public ImmutableHashSet<IsoDayOfWeek> ReleaseDays { get; }

    /// <summary>The effective blackout dates: the scenario's plus the region's own.</summary>
    public ImmutableHashSet<LocalDate> BlackoutDates { get; }

    /// <summary>Rule 3: a date on which this region may release.</summary>
    public bool IsReleaseDay(LocalDate date) => ReleaseDays.Contains(date.DayOfWeek) && !BlackoutDates.Contains(date);

    /// <summary>The instant a staggered release on <paramref name="date"/> goes live here (rule 10).</summary>
    public Instant PublishAt(LocalDate date) => ReleaseInstants.Resolve(TimeZone, date, ReleaseTime);

    public override string ToString() => Id;
}
