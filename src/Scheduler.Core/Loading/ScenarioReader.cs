using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// The second layer of validation: reads a document the schema has accepted into a
/// <see cref="Scenario"/>, applying defaults and checking meaning (calendar dates, time zones,
/// unique ids, references, windows, pins, cycles). Every error is collected before giving up.
/// </summary>
internal static class ScenarioReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new WholeNumberConverter() } };

    public static Scenario? Read(JsonObject document, List<ScenarioError> errors)
    {
        var dto = document.Deserialize<ScenarioDto>(Options)!;
        var parser = new FieldParser(errors);
        var before = errors.Count;

        var start = parser.Date(dto.Horizon!.Start, "$.horizon.start");
        var end = parser.Date(dto.Horizon.End, "$.horizon.end");
        if (start > end)
        {
            parser.Add("$.horizon", Messages.HorizonBackwards(dto.Horizon.Start!, dto.Horizon.End!));
        }
        else if (start is { } first && end is { } last && Period.DaysBetween(first, last) + 1 > Limits.LongestHorizonDays)
        {
            parser.Add("$.horizon", Messages.HorizonTooLong(Period.DaysBetween(first, last) + 1));
        }

        var releaseDays = dto.ReleaseDays is null ? [.. ScenarioDefaults.ReleaseDays] : FieldParser.Weekdays(dto.ReleaseDays);
        var blackouts = parser.Dates(dto.BlackoutDates, "$.blackoutDates");
        var launchZone = parser.Zone(dto.GlobalLaunch?.TimeZone ?? ScenarioDefaults.GlobalLaunchTimeZone, "$.globalLaunch.timeZone");
        var launchTime = parser.Time(dto.GlobalLaunch?.Time, "$.globalLaunch.time", ScenarioDefaults.GlobalLaunchTime);

        var regions = RegionReader.Read(dto.Regions!, releaseDays, blackouts, parser);
        var declaredRegions = dto.Regions!.Select(r => r.Id!).Distinct(StringComparer.Ordinal).ToList();
        var declaredRegionSet = declaredRegions.ToHashSet(StringComparer.Ordinal);
        var events = EventReader.Read(dto.Events ?? [], declaredRegionSet, parser);
        var seasonality = SeasonalityReader.Read(dto.Seasonality, declaredRegionSet, parser);
        var variants = ReadVariants(dto.Variants ?? [], parser);
        if (start is null || end is null || start > end || Period.DaysBetween(start.Value, end.Value) + 1 > Limits.LongestHorizonDays)
        {
            return null;
        }

        var horizon = new DateInterval(start.Value, end.Value);
        var regionsById = regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var titles = new TitleReader(horizon, declaredRegions, regionsById, parser).Read(dto.Titles!);
        var decisions = new DecisionReader(dto.Titles!, declaredRegions, parser);
        var spacingGroups = decisions.SpacingGroups(dto.SpacingGroups ?? []);
        var obligations = decisions.Obligations(dto.Obligations ?? []);
        if (errors.Count > before)
        {
            return null;
        }

        return new Scenario(new ScenarioSpec
        {
            Name = dto.Name!,
            Description = dto.Description ?? ScenarioDefaults.Description,
            Horizon = horizon,
            ReleaseDays = releaseDays,
            BlackoutDates = blackouts,
            LaunchWindowDays = dto.LaunchWindowDays ?? ScenarioDefaults.LaunchWindowDays,
            GlobalLaunch = new GlobalLaunch(launchZone!, launchTime),
            Regions = regions,
            Titles = titles,
            Events = events,
            Seasonality = seasonality,
            Capacity = new Capacity(
                dto.Capacity?.PerDay ?? ScenarioDefaults.PerDay,
                dto.Capacity?.TentpolesPerDay ?? ScenarioDefaults.TentpolesPerDay,
                dto.Capacity?.TentpoleSpacingDays ?? ScenarioDefaults.TentpoleSpacingDays,
                dto.Capacity?.MarketingBudgetPerWeek),
            Objective = new ObjectiveWeights(dto.Objective?.GenreClashCost ?? ScenarioDefaults.GenreClashCost, dto.Objective?.MoveCost ?? ScenarioDefaults.MoveCost),
            Replan = new ReplanSettings(dto.Replan?.FreezeDays ?? ScenarioDefaults.FreezeDays),
            Solver = new SolverSettings(
                dto.Solver?.TimeLimitSeconds ?? ScenarioDefaults.TimeLimitSeconds,
                dto.Solver?.RelativeGap ?? ScenarioDefaults.RelativeGap,
                dto.Solver?.BestEffort ?? ScenarioDefaults.BestEffort),
            Variants = variants,
            SpacingGroups = spacingGroups,
            Obligations = obligations,
        });
    }

    private static List<Variant> ReadVariants(List<VariantDto> variants, FieldParser parser)
    {
        var ids = new IdRegistry("variant");
        var result = new List<Variant>();
        for (var i = 0; i < variants.Count; i++)
        {
            var dto = variants[i];
            if (ids.Register(dto.Id!, JsonPath.Index("$.variants", i), parser))
            {
                result.Add(new Variant(dto.Id!, dto.Description ?? ScenarioDefaults.Description, dto.Changes!.ToJsonString()));
            }
        }

        return result;
    }
}
