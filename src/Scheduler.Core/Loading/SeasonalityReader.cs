using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>Reads the seasonal lists and checks that the ranges of one list never overlap.</summary>
internal static class SeasonalityReader
{
    // A leap year, so that Feb 29 is checked like every other day of the year.
    private const int LeapYear = 2028;

    public static Seasonality Read(SeasonalityDto? dto, IReadOnlySet<string> regionIds, FieldParser parser)
    {
        if (dto is null)
        {
            return Seasonality.Neutral;
        }

        const string root = "$.seasonality";
        var defaultList = ReadList(dto.Default, JsonPath.Property(root, "default"), parser);
        var regions = ImmutableDictionary.CreateBuilder<string, SeasonalList>(StringComparer.Ordinal);
        foreach (var (regionId, ranges) in dto.Regions ?? [])
        {
            var path = JsonPath.Property(JsonPath.Property(root, "regions"), regionId);
            if (!regionIds.Contains(regionId))
            {
                parser.Add(path, Messages.UnknownRegion("the seasonality", regionId));
            }

            regions[regionId] = ReadList(ranges, path, parser);
        }

        var genres = ImmutableDictionary.CreateBuilder<string, SeasonalList>(StringComparer.Ordinal);
        foreach (var (genre, ranges) in dto.Genres ?? [])
        {
            genres[genre] = ReadList(ranges, JsonPath.Property(JsonPath.Property(root, "genres"), genre), parser);
        }

        return new Seasonality(defaultList, regions.ToImmutable(), genres.ToImmutable());
    }

    private static SeasonalList ReadList(List<SeasonalRangeDto>? ranges, string path, FieldParser parser)
    {
        var read = new List<(SeasonalRange Range, string Path)>();
        for (var i = 0; i < (ranges?.Count ?? 0); i++)
        {
            var dto = ranges![i];
            var itemPath = JsonPath.Index(path, i);
            var from = parser.MonthDay(dto.From, JsonPath.Property(itemPath, "from"));
            var to = parser.MonthDay(dto.To, JsonPath.Property(itemPath, "to"));
            if (from is { Month: 2, Day: 29 })
            {
                parser.Add(JsonPath.Property(itemPath, "from"), Messages.LeapDayStart);
                continue;
            }

            if (from is { } f && to is { } t)
            {
                var range = new SeasonalRange(f, t, dto.Index);
                var clash = read.FirstOrDefault(other => FirstCommonDay(other.Range, range) is not null);
                if (clash.Range is not null)
                {
                    parser.Add(itemPath, Messages.SeasonalOverlap(clash.Path, FieldParser.Format(FirstCommonDay(clash.Range, range)!.Value)));
                }

                read.Add((range, itemPath));
            }
        }

        return new SeasonalList(read.Select(r => r.Range));
    }

    private static AnnualDate? FirstCommonDay(SeasonalRange a, SeasonalRange b)
    {
        foreach (var date in new DateInterval(new LocalDate(LeapYear, 1, 1), new LocalDate(LeapYear, 12, 31)))
        {
            if (a.Contains(date) && b.Contains(date))
            {
                return new AnnualDate(date.Month, date.Day);
            }
        }

        return null;
    }
}
