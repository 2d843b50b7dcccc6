using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Core.Generation;

/// <summary>
/// Writes valid synthetic scenarios of any size for scale tests and benchmarks: real time zones,
/// windows of a few weeks to half a year, a mix of modes, tentpoles, sequels, readiness, pins,
/// optional titles, events, seasonality and a marketing budget. The same options give the same file.
/// </summary>
public static class ScenarioGenerator
{
    private static readonly (string Id, string Name, string Zone, double Audience)[] RegionPool =
    [
        ("us", "United States", "America/New_York", 30), ("br", "Brazil", "America/Sao_Paulo", 12), ("uk", "United Kingdom", "Europe/London", 9),
        ("de", "Germany", "Europe/Berlin", 8), ("fr", "France", "Europe/Paris", 7), ("jp", "Japan", "Asia/Tokyo", 8),
        ("mx", "Mexico", "America/Mexico_City", 7), ("in", "India", "Asia/Kolkata", 10), ("kr", "South Korea", "Asia/Seoul", 5),
        ("ca", "Canada", "America/Toronto", 4), ("au", "Australia", "Australia/Sydney", 4), ("es", "Spain", "Europe/Madrid", 4),
        ("it", "Italy", "Europe/Rome", 4), ("ar", "Argentina", "America/Argentina/Buenos_Aires", 3), ("cl", "Chile", "America/Santiago", 2),
        ("co", "Colombia", "America/Bogota", 3), ("pl", "Poland", "Europe/Warsaw", 3), ("nl", "Netherlands", "Europe/Amsterdam", 2),
        ("se", "Sweden", "Europe/Stockholm", 2), ("tr", "Turkey", "Europe/Istanbul", 3), ("id", "Indonesia", "Asia/Jakarta", 4),
        ("ph", "Philippines", "Asia/Manila", 3), ("th", "Thailand", "Asia/Bangkok", 2), ("za", "South Africa", "Africa/Johannesburg", 2),
        ("ng", "Nigeria", "Africa/Lagos", 2), ("eg", "Egypt", "Africa/Cairo", 2), ("sa", "Saudi Arabia", "Asia/Riyadh", 2),
        ("ae", "United Arab Emirates", "Asia/Dubai", 1), ("nz", "New Zealand", "Pacific/Auckland", 1), ("ie", "Ireland", "Europe/Dublin", 1),
    ];

    private static readonly string[] Genres =
        ["drama", "comedy", "thriller", "action", "horror", "kids", "romance", "sci-fi", "documentary", "true-crime", "anime", "reality"];

    private static readonly string[] DayNames = ["friday", "wednesday", "monday", "thursday", "tuesday", "saturday", "sunday"];

    public static JsonObject Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var start = new LocalDate(2027, 1, 1);
        var end = start.PlusYears(options.Years).PlusDays(-1);
        var releaseDays = DayNames.Take(options.ReleaseDaysPerWeek).ToArray();
        var releaseDates = new DateInterval(start, end)
            .Where(d => releaseDays.Contains(Name(d.DayOfWeek)) && !(d.Month == 12 && d.Day == 24))
            .ToArray();
        var regions = Regions(options.Regions);
        var titles = Titles(options, random, regions, releaseDates);
        var weeks = (end - start).Days / 7.0;

        // Enough daily capacity that the slate fits with room to choose, whatever the windows.
        var perDay = Math.Max(2, (int)Math.Ceiling(2.5 * options.Titles / (weeks * options.ReleaseDaysPerWeek)));
        return new JsonObject
        {
            ["$schema"] = "../scenarios.schema.json",
            ["name"] = string.Create(CultureInfo.InvariantCulture, $"Synthetic {options.Titles}x{options.Regions}x{options.Years} seed {options.Seed}"),
            ["description"] = "Generated for scale tests: titles, regions and events are made up.",
            ["horizon"] = new JsonObject { ["start"] = Text(start), ["end"] = Text(end) },
            ["releaseDays"] = new JsonArray([.. releaseDays.Select(d => (JsonNode)d)]),
            ["blackoutDates"] = new JsonArray([.. Enumerable.Range(0, options.Years).Select(y => (JsonNode)Text(new LocalDate(2027 + y, 12, 24)))]),
            ["regions"] = new JsonArray([.. regions.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id, ["name"] = r.Name, ["timeZone"] = r.Zone, ["audience"] = r.Audience,
            })]),
            ["titles"] = titles,
            ["events"] = Events(options, random, start),
            ["seasonality"] = JsonNode.Parse("""
                { "default": [{ "from": "12-18", "to": "01-03", "index": 1.25 }, { "from": "07-01", "to": "08-15", "index": 0.9 }],
                  "genres": { "horror": [{ "from": "10-01", "to": "10-31", "index": 1.4 }], "romance": [{ "from": "02-07", "to": "02-14", "index": 1.3 }] } }
                """),
            ["capacity"] = new JsonObject
            {
                ["perDay"] = perDay, ["tentpolesPerDay"] = 1, ["tentpoleSpacingDays"] = 7, ["marketingBudgetPerWeek"] = 12.0 * options.ReleaseDaysPerWeek,
            },
            ["objective"] = new JsonObject { ["genreClashCost"] = 0.5, ["moveCost"] = 1.0 },
        };
    }

    private static List<(string Id, string Name, string Zone, double Audience)> Regions(int count)
        => [.. Enumerable.Range(0, count).Select(i =>
        {
            var (id, name, zone, audience) = RegionPool[i % RegionPool.Length];
            var round = i / RegionPool.Length;
            return round == 0 ? (id, name, zone, audience) : ($"{id}{round + 1}", $"{name} {round + 1}", zone, audience);
        })];

    private static JsonArray Titles(GeneratorOptions options, Random random, List<(string Id, string Name, string Zone, double Audience)> regions, LocalDate[] dates)
    {
        var titles = new JsonArray();
        var windows = new List<(int First, int Last)>();
        var pinsOnDate = new Dictionary<int, int>();
        for (var i = 0; i < options.Titles; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"t{i + 1:0000}");
            var length = random.Next(4, 27) * options.ReleaseDaysPerWeek;
            var first = random.Next(0, Math.Max(1, dates.Length - length));
            var last = Math.Min(dates.Length - 1, first + length);
            var title = new JsonObject
            {
                ["id"] = id,
                ["name"] = string.Create(CultureInfo.InvariantCulture, $"Title {i + 1}"),
                ["kind"] = new[] { "film", "series", "special", "documentary" }[random.Next(4)],
                ["genres"] = new JsonArray([.. Genres.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(g => (JsonNode)g)]),
                ["demand"] = Math.Round(Math.Exp(random.NextDouble() * 3.4) * 5, 2),
            };

            var sequelOf = i > 0 && random.NextDouble() < 0.1 ? random.Next(Math.Max(0, i - 50), i) : -1;
            if (sequelOf >= 0)
            {
                // Start the sequel's window after its predecessor's can end plus the gap, so both always fit.
                var gap = random.Next(4, 13) * 7;
                var after = windows[sequelOf].Last + (gap * options.ReleaseDaysPerWeek / 7) + 1;
                if (after + 4 < dates.Length)
                {
                    first = after;
                    last = Math.Min(dates.Length - 1, first + length);
                    title["after"] = new JsonArray(new JsonObject { ["title"] = titles[sequelOf]!["id"]!.GetValue<string>(), ["minGapDays"] = gap });
                }
            }

            windows.Add((first, last));
            title["earliest"] = Text(dates[first]);
            title["latest"] = Text(dates[last]);
            var roll = random.NextDouble();
            title["release"] = roll < 0.6 ? "either" : roll < 0.85 ? "global" : "staggered";
            var tentpole = random.NextDouble() < 0.05;
            if (tentpole)
            {
                title["tentpole"] = true;
                title["marketingCost"] = random.Next(3, 9);
            }

            if (random.NextDouble() < 0.5)
            {
                title["preferred"] = Text(dates[random.Next(first, last + 1)]);
                title["delayCostPerWeek"] = Math.Round(0.02 + (random.NextDouble() * 0.08), 3);
            }

            if (random.NextDouble() < 0.3)
            {
                title["affinity"] = new JsonObject([.. regions.OrderBy(_ => random.Next()).Take(3)
                    .Select(r => KeyValuePair.Create(r.Id, (JsonNode?)Math.Round(0.5 + (random.NextDouble() * 1.5), 2)))]);
            }

            if (random.NextDouble() < 0.2 && last - first >= 4)
            {
                title["readiness"] = new JsonObject([.. regions.OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                    .Select(r => KeyValuePair.Create(r.Id, (JsonNode?)Text(dates[first + random.Next(1, 4)])))]);
            }

            if (random.NextDouble() < 0.15 && regions.Count > 2)
            {
                title["regions"] = new JsonArray([.. regions.Where(_ => random.NextDouble() < 0.75).Select(r => (JsonNode)r.Id).DefaultIfEmpty(regions[0].Id)]);
            }

            if (!tentpole && sequelOf < 0 && title["readiness"] is null && random.NextDouble() < 0.04)
            {
                var pin = random.Next(first, last + 1);
                if (pinsOnDate.GetValueOrDefault(pin) < 1)
                {
                    pinsOnDate[pin] = 1;
                    title["pinned"] = Text(dates[pin]);
                }
            }

            if (title["pinned"] is null && sequelOf < 0 && random.NextDouble() < 0.1)
            {
                title["optional"] = true;
            }

            titles.Add(title);
        }

        return titles;
    }

    private static JsonArray Events(GeneratorOptions options, Random random, LocalDate start)
    {
        var events = new JsonArray();
        for (var i = 0; i < 6 * options.Years; i++)
        {
            var first = start.PlusDays(random.Next(0, 365 * options.Years));
            var kinds = new[] { "sports", "holiday", "competitor", "cultural" };
            var item = new JsonObject
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"e{i + 1:000}"),
                ["name"] = string.Create(CultureInfo.InvariantCulture, $"Event {i + 1}"),
                ["kind"] = kinds[random.Next(kinds.Length)],
                ["start"] = Text(first),
                ["end"] = Text(first.PlusDays(random.Next(0, 10))),
                ["impact"] = Math.Round(0.05 + (random.NextDouble() * 0.4), 3),
            };
            if (random.NextDouble() < 0.4)
            {
                item["genres"] = new JsonArray(Genres[random.Next(Genres.Length)]);
            }

            events.Add(item);
        }

        return events;
    }

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Name(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();
}
