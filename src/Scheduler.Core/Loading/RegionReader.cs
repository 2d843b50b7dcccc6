using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>Reads the regions, merging each one's calendar with the scenario's.</summary>
internal static class RegionReader
{
    public static List<Region> Read(
        IReadOnlyList<RegionDto> regions,
        IReadOnlyCollection<IsoDayOfWeek> releaseDays,
        IReadOnlyCollection<LocalDate> blackoutDates,
        FieldParser parser)
    {
        var ids = new IdRegistry("region");
        var result = new List<Region>();
        for (var i = 0; i < regions.Count; i++)
        {
            var dto = regions[i];
            var path = JsonPath.Index("$.regions", i);
            var before = parser.Errors.Count;
            var unique = ids.Register(dto.Id!, path, parser);
            var zone = parser.Zone(dto.TimeZone, JsonPath.Property(path, "timeZone"));
            var time = parser.Time(dto.ReleaseTime, JsonPath.Property(path, "releaseTime"), ScenarioDefaults.RegionReleaseTime);
            var ownBlackouts = parser.Dates(dto.BlackoutDates, JsonPath.Property(path, "blackoutDates"));
            if (!unique || zone is null || parser.Errors.Count > before)
            {
                continue;
            }

            var days = dto.ReleaseDays is null ? releaseDays : FieldParser.Weekdays(dto.ReleaseDays);
            result.Add(new Region(dto.Id!, dto.Name!, zone, dto.Audience, time, days, blackoutDates.Concat(ownBlackouts)));
        }

        return result;
    }
}
