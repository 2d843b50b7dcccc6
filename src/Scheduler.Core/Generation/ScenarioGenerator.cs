using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Values;

namespace Scheduler.Core.Generation;

/// <summary>
/// Writes valid synthetic scenarios of any size for scale tests and benchmarks: real time zones,
/// a mix of modes, tentpoles, sequel chains, readiness, pins, optional titles, events, seasonality,
/// a marketing budget, and as much contention as asked for (<see cref="Contention"/>). Every slate
/// it writes has a plan: while generating, it keeps a witness plan (every title on one date in all
/// its regions) that keeps every hard rule, and moves a title's window to a free date when its own
/// has none. The same options give the same file.
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
        var profile = ContentionProfile.For(options.Contention);
        var start = new LocalDate(2027, 1, 1);
        var end = start.PlusYears(options.Years).PlusDays(-1);
        var releaseDays = DayNames.Take(options.ReleaseDaysPerWeek).ToArray();
        var dates = new DateInterval(start, end)
            .Where(d => releaseDays.Contains(Name(d.DayOfWeek)) && !(d.Month == 12 && d.Day == 24))
            .ToArray();
        var regions = Regions(options.Regions);
        var drafts = Drafts(options, profile, random, regions, dates);
        var perDay = PerDay(options, profile, drafts, regions, dates);
        var budget = Budget(profile, drafts, dates);
        var witness = new WitnessPlan(dates, perDay, profile.TentpoleSpacingDays, budget);
        foreach (var draft in drafts)
        {
            witness.Place(draft, drafts);
        }

        return new JsonObject
        {
            ["$schema"] = "../scenarios.schema.json",
            ["name"] = string.Create(CultureInfo.InvariantCulture, $"Synthetic {options.Titles}x{options.Regions}x{options.Years} seed {options.Seed}{(options.Contention == Contention.Medium ? "" : $" {options.Contention.ToString().ToLowerInvariant()} contention")}"),
            ["description"] = string.Create(CultureInfo.InvariantCulture, $"Generated for scale tests with {options.Contention.ToString().ToLowerInvariant()} contention: titles, regions and events are made up."),
            ["horizon"] = new JsonObject { ["start"] = Text(start), ["end"] = Text(end) },
            ["releaseDays"] = new JsonArray([.. releaseDays.Select(d => (JsonNode)d)]),
            ["blackoutDates"] = new JsonArray([.. Enumerable.Range(0, options.Years).Select(y => (JsonNode)Text(new LocalDate(2027 + y, 12, 24)))]),
            ["regions"] = new JsonArray([.. regions.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id, ["name"] = r.Name, ["timeZone"] = r.Zone, ["audience"] = r.Audience,
            })]),
            ["titles"] = new JsonArray([.. drafts.Select(d => (JsonNode)d.ToJson(random, dates, regions))]),
            ["events"] = Events(options, random, start),
            ["seasonality"] = JsonNode.Parse("""
                { "default": [{ "from": "12-18", "to": "01-03", "index": 1.25 }, { "from": "07-01", "to": "08-15", "index": 0.9 }],
                  "genres": { "horror": [{ "from": "10-01", "to": "10-31", "index": 1.4 }], "romance": [{ "from": "02-07", "to": "02-14", "index": 1.3 }] } }
                """),
            ["capacity"] = new JsonObject
            {
                ["perDay"] = perDay,
                ["tentpolesPerDay"] = 1,
                ["tentpoleSpacingDays"] = profile.TentpoleSpacingDays,
                ["marketingBudgetPerWeek"] = budget,
            },
            ["objective"] = new JsonObject { ["genreClashCost"] = profile.GenreClashCost, ["moveCost"] = 1.0 },
        };
    }

    /// <summary>Every title's own attributes: what it is, where, when it would like to go and its window.</summary>
    private static List<TitleDraft> Drafts(GeneratorOptions options, ContentionProfile profile, Random random, List<GeneratedRegion> regions, LocalDate[] dates)
    {
        var drafts = new List<TitleDraft>();
        var days = options.ReleaseDaysPerWeek;
        for (var i = 0; i < options.Titles; i++)
        {
            var roll = random.NextDouble();
            var tentpole = random.NextDouble() < profile.TentpoleShare;
            var draft = new TitleDraft(i)
            {
                Kind = new[] { "film", "series", "special", "documentary" }[random.Next(4)],
                Genres = [.. Genres.OrderBy(_ => random.Next()).Take(random.Next(1, 3))],
                Demand = Math.Round(Math.Exp(random.NextDouble() * 3.4) * 5, 2),
                Release = roll < 0.6 ? "either" : roll < 0.85 ? "global" : "staggered",
                Tentpole = tentpole,
                MarketingCost = tentpole ? random.Next(3, 9) : random.NextDouble() < profile.MarketedShare ? random.Next(1, 4) : 0,
                Regions = regions.Count > 2 && random.NextDouble() < 0.15
                    ? [.. regions.Where(_ => random.NextDouble() < 0.75).Select(r => r.Id).DefaultIfEmpty(regions[0].Id)]
                    : [.. regions.Select(r => r.Id)],
            };

            var length = random.Next(profile.WindowWeeks.Min, profile.WindowWeeks.Max + 1) * days;
            draft.Anchor = random.NextDouble() < profile.PeakShare ? PeakDate(random, dates) : random.Next(0, dates.Length);
            draft.First = Math.Clamp(draft.Anchor - random.Next(0, length + 1), 0, Math.Max(0, dates.Length - 1 - length));
            draft.Last = Math.Min(dates.Length - 1, draft.First + length);
            if (i > 0 && random.NextDouble() < profile.SequelShare)
            {
                var predecessor = drafts[random.Next(Math.Max(0, i - 50), i)];
                var gap = random.Next(4, 13) * 7;
                var after = predecessor.Last + (gap * days / 7) + 1;
                if (after + 4 < dates.Length)
                {
                    draft.After = (predecessor, gap);
                    draft.First = after;
                    draft.Last = Math.Min(dates.Length - 1, after + length);
                    draft.Anchor = Math.Clamp(draft.Anchor, draft.First, draft.Last);
                }
            }

            draft.Preferred = random.NextDouble() < (profile.PeakShare > 0 ? 0.75 : 0.5);
            draft.DelayCostPerWeek = Math.Round(profile.DelayCost.Min + (random.NextDouble() * (profile.DelayCost.Max - profile.DelayCost.Min)), 3);
            draft.LateReadiness = random.NextDouble() < profile.LateReadinessShare && draft.Last - draft.First >= 4;
            draft.StaggerMaxDays = profile.StaggerDays is { } stagger && draft.Release != "global" ? random.Next(stagger.Min, stagger.Max + 1) : null;
            draft.Optional = draft.After is null && random.NextDouble() < 0.1;
            draft.PinWanted = !tentpole && draft.After is null && !draft.LateReadiness && !draft.Optional && random.NextDouble() < 0.04;
            drafts.Add(draft);
        }

        return drafts;
    }

    /// <summary>A release date in a peak season: the summer holidays or the run-up to the year's end.</summary>
    private static int PeakDate(Random random, LocalDate[] dates)
    {
        var peaks = dates.Select((d, i) => (d, i))
            .Where(p => (p.d.Month == 7) || (p.d.Month == 11 && p.d.Day >= 15) || (p.d.Month == 12))
            .Select(p => p.i)
            .ToArray();
        return peaks.Length == 0 ? random.Next(0, dates.Length) : peaks[random.Next(peaks.Length)];
    }

    /// <summary>
    /// Daily capacity from the load the titles' wishes put on the calendar: their anchor dates
    /// counted per region and quarter (or on average, at low contention), per release date.
    /// </summary>
    private static int PerDay(GeneratorOptions options, ContentionProfile profile, List<TitleDraft> drafts, List<GeneratedRegion> regions, LocalDate[] dates)
    {
        if (!profile.CapacityOfBusiestQuarter)
        {
            var weeks = dates.Length / (double)options.ReleaseDaysPerWeek;
            return Math.Max(2, (int)Math.Ceiling(profile.CapacityFactor * options.Titles / (weeks * options.ReleaseDaysPerWeek)));
        }

        var busiest = 0.0;
        foreach (var quarter in dates.Select((d, i) => (Quarter: Quarter(d), Index: i)).GroupBy(p => p.Quarter))
        {
            var days = quarter.Select(p => p.Index).ToHashSet();
            foreach (var region in regions)
            {
                var load = drafts.Count(d => d.Regions.Contains(region.Id) && days.Contains(d.Anchor)) / (double)days.Count;
                busiest = Math.Max(busiest, load);
            }
        }

        return Math.Max(1, (int)Math.Floor(profile.CapacityFactor * busiest));
    }

    /// <summary>The weekly marketing budget: a multiple of the busiest quarter's weekly spend, never below the dearest title.</summary>
    private static double Budget(ContentionProfile profile, List<TitleDraft> drafts, LocalDate[] dates)
    {
        var dearest = drafts.Select(d => d.MarketingCost).DefaultIfEmpty(0).Max();
        var busiest = 0.0;
        foreach (var quarter in dates.Select((d, i) => (Quarter: Quarter(d), Index: i, Date: d)).GroupBy(p => p.Quarter))
        {
            var days = quarter.Select(p => p.Index).ToHashSet();
            var weeks = quarter.Select(p => IsoWeek.Of(p.Date)).Distinct().Count();
            busiest = Math.Max(busiest, drafts.Where(d => days.Contains(d.Anchor)).Sum(d => d.MarketingCost) / (double)weeks);
        }

        return Math.Max(Math.Max(1, dearest), Math.Round(profile.BudgetFactor * busiest, 1));
    }

    private static (int Year, int Quarter) Quarter(LocalDate date) => (date.Year, (date.Month - 1) / 3);

    private static List<GeneratedRegion> Regions(int count)
        => [.. Enumerable.Range(0, count).Select(i =>
        {
            var (id, name, zone, audience) = RegionPool[i % RegionPool.Length];
            var round = i / RegionPool.Length;
            return round == 0
                ? new GeneratedRegion(id, name, zone, audience)
                : new GeneratedRegion($"{id}{round + 1}", $"{name} {round + 1}", zone, audience);
        })];

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

    internal static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Name(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();
}
