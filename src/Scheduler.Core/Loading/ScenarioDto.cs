using System.Text.Json.Nodes;

namespace Scheduler.Core.Loading;

// The scenario as written, after the schema has accepted it: every field nullable, so that the
// reader can tell "absent" (default applies) from a value, and keep its JSON path for errors.
#pragma warning disable CA1812 // Instantiated by System.Text.Json.
#pragma warning disable CA2227 // Setters are what the deserializer needs; these types never leave the loader.
internal sealed class ScenarioDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public DateRangeDto? Horizon { get; set; }

    public List<string>? ReleaseDays { get; set; }

    public List<string>? BlackoutDates { get; set; }

    public int? LaunchWindowDays { get; set; }

    public GlobalLaunchDto? GlobalLaunch { get; set; }

    public List<RegionDto>? Regions { get; set; }

    public List<TitleDto>? Titles { get; set; }

    public List<EventDto>? Events { get; set; }

    public SeasonalityDto? Seasonality { get; set; }

    public CapacityDto? Capacity { get; set; }

    public ObjectiveDto? Objective { get; set; }

    public ReplanDto? Replan { get; set; }

    public SolverDto? Solver { get; set; }

    public List<VariantDto>? Variants { get; set; }

    public List<SpacingGroupDto>? SpacingGroups { get; set; }

    public List<ObligationDto>? Obligations { get; set; }
}

internal sealed class ObligationDto
{
    public string? Id { get; set; }

    public List<string>? Regions { get; set; }

    public List<string>? Titles { get; set; }

    public List<string>? Genres { get; set; }

    public List<string>? Kinds { get; set; }

    public int Min { get; set; }

    public string? Per { get; set; }
}

internal sealed class SpacingGroupDto
{
    public string? Id { get; set; }

    public List<string>? Titles { get; set; }

    public List<string>? Genres { get; set; }

    public int MinDays { get; set; }

    public List<string>? Regions { get; set; }
}

internal sealed class DateRangeDto
{
    public string? Start { get; set; }

    public string? End { get; set; }
}

internal sealed class GlobalLaunchDto
{
    public string? TimeZone { get; set; }

    public string? Time { get; set; }
}

internal sealed class RegionDto
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? TimeZone { get; set; }

    public double Audience { get; set; }

    public string? ReleaseTime { get; set; }

    public List<string>? ReleaseDays { get; set; }

    public List<string>? BlackoutDates { get; set; }
}

internal sealed class TitleDto
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public List<string>? Genres { get; set; }

    public double Demand { get; set; }

    public Dictionary<string, double>? Affinity { get; set; }

    public List<string>? Regions { get; set; }

    public string? Release { get; set; }

    public string? LeadRegion { get; set; }

    public int? StaggerMaxDays { get; set; }

    public bool? Tentpole { get; set; }

    public string? Earliest { get; set; }

    public string? Latest { get; set; }

    public Dictionary<string, string>? Readiness { get; set; }

    public string? Preferred { get; set; }

    public double? DelayCostPerWeek { get; set; }

    public JsonNode? Pinned { get; set; }

    public List<AfterDto>? After { get; set; }

    public double? MarketingCost { get; set; }

    public bool? Optional { get; set; }

    public string? Priority { get; set; }

    public int? Drops { get; set; }

    public int? DropIntervalDays { get; set; }

    public Dictionary<string, string>? AvailableUntil { get; set; }

    public List<HoldbackDto>? Holdbacks { get; set; }

    public List<FormatDto>? Formats { get; set; }
}

internal sealed class FormatDto
{
    public string? Id { get; set; }

    public int? Drops { get; set; }

    public int? DropIntervalDays { get; set; }

    public double? ValueFactor { get; set; }
}

internal sealed class HoldbackDto
{
    public OutsideEventDto? Until { get; set; }

    public int Days { get; set; }

    public List<string>? Regions { get; set; }
}

internal sealed class OutsideEventDto
{
    public string? Date { get; set; }

    public string? Name { get; set; }
}

internal sealed class AfterDto
{
    public string? Title { get; set; }

    public int MinGapDays { get; set; }
}

internal sealed class EventDto
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public List<string>? Regions { get; set; }

    public List<string>? Genres { get; set; }

    public double Impact { get; set; }
}

internal sealed class SeasonalRangeDto
{
    public string? From { get; set; }

    public string? To { get; set; }

    public double Index { get; set; }
}

internal sealed class SeasonalityDto
{
    public List<SeasonalRangeDto>? Default { get; set; }

    public Dictionary<string, List<SeasonalRangeDto>>? Regions { get; set; }

    public Dictionary<string, List<SeasonalRangeDto>>? Genres { get; set; }
}

internal sealed class CapacityDto
{
    public int? PerDay { get; set; }

    public int? TentpolesPerDay { get; set; }

    public int? TentpoleSpacingDays { get; set; }

    public double? MarketingBudgetPerWeek { get; set; }
}

internal sealed class ObjectiveDto
{
    public double? GenreClashCost { get; set; }

    public double? MoveCost { get; set; }
}

internal sealed class ReplanDto
{
    public int? FreezeDays { get; set; }
}

internal sealed class SolverDto
{
    public double? TimeLimitSeconds { get; set; }

    public double? RelativeGap { get; set; }

    public bool? BestEffort { get; set; }
}

internal sealed class VariantDto
{
    public string? Id { get; set; }

    public string? Description { get; set; }

    public JsonObject? Changes { get; set; }
}
#pragma warning restore CA2227
#pragma warning restore CA1812
