using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>Reads the competing events and checks their dates and regions.</summary>
internal static class EventReader
{
    public static List<CompetingEvent> Read(IReadOnlyList<EventDto> events, IReadOnlySet<string> regionIds, FieldParser parser)
    {
        var ids = new IdRegistry("event");
        var result = new List<CompetingEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            var dto = events[i];
            var path = JsonPath.Index("$.events", i);
            var before = parser.Errors.Count;
            ids.Register(dto.Id!, path, parser);
            var start = parser.Date(dto.Start, JsonPath.Property(path, "start"));
            var end = parser.Date(dto.End, JsonPath.Property(path, "end"));
            if (start > end)
            {
                parser.Add(path, Messages.EventBackwards(dto.Id!, dto.Start!, dto.End!));
            }

            var regions = dto.Regions ?? [];
            for (var r = 0; r < regions.Count; r++)
            {
                if (!regionIds.Contains(regions[r]))
                {
                    parser.Add(
                        JsonPath.Index(JsonPath.Property(path, "regions"), r),
                        Messages.UnknownRegion($"event '{dto.Id}'", regions[r]));
                }
            }

            if (parser.Errors.Count == before)
            {
                result.Add(new CompetingEvent(
                    dto.Id!,
                    dto.Name!,
                    FieldParser.Choice<EventKind>(dto.Kind!),
                    new DateInterval(start!.Value, end!.Value),
                    regions,
                    dto.Genres ?? [],
                    dto.Impact));
            }
        }

        return result;
    }
}
