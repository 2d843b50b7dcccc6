using NodaTime;
using NodaTime.TimeZones;

namespace Scheduler.Core.Domain;

/// <summary>
/// Rule 10: a local release time that falls in a daylight-saving gap moves forward by the length
/// of the gap; an ambiguous one takes the earlier instant.
/// </summary>
public static class ReleaseInstants
{
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    public static Instant Resolve(DateTimeZone zone, LocalDate date, LocalTime time)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.ResolveLocal(date + time, Resolver).ToInstant();
    }
}
