using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>The single local time and zone at which a global release goes live everywhere.</summary>
public sealed class GlobalLaunch
{
    public GlobalLaunch(DateTimeZone timeZone, LocalTime time)
    {
        TimeZone = Preconditions.CheckNotNull(timeZone);
        Time = time;
    }

    public DateTimeZone TimeZone { get; }

    public LocalTime Time { get; }

    /// <summary>The instant a global release on <paramref name="date"/> goes live (rule 10).</summary>
    public Instant PublishAt(LocalDate date) => ReleaseInstants.Resolve(TimeZone, date, Time);
}
