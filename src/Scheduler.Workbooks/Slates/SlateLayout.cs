using System.Collections.Immutable;

namespace Scheduler.Workbooks.Slates;

/// <summary>
/// The sheets of a slate workbook and their columns, one per scenario field (docs/workbooks.md).
/// Titles, Regions, Events and Variants hold one item per row; Settings one field per row;
/// Seasonality one seasonal range per row.
/// </summary>
public static class SlateLayout
{
    public const string Titles = "Titles";
    public const string Regions = "Regions";
    public const string Events = "Events";
    public const string Seasonality = "Seasonality";
    public const string Settings = "Settings";
    public const string Variants = "Variants";
    public const string Lists = "Lists";

    public const string SettingHeader = "setting";
    public const string ValueHeader = "value";
    public const string AboutHeader = "about";

    public const string ScopeHeader = "scope";
    public const string KeyHeader = "key";

    /// <summary>Every sheet a slate workbook may have but the hidden Lists.</summary>
    public static ImmutableArray<string> Sheets { get; } = [Titles, Regions, Events, Seasonality, Settings, Variants];

    /// <summary>The sheets whose rows are the items of a scenario array, with that array's field.</summary>
    public static ImmutableArray<(string Sheet, string Field)> ItemSheets { get; } =
        [(Titles, "titles"), (Regions, "regions"), (Events, "events"), (Variants, "variants")];

    public static ImmutableArray<SlateColumn> TitleColumns { get; } =
    [
        new("id", SlateCell.Text, "title"),
        new("name", SlateCell.Text, "title"),
        new("kind", SlateCell.Text, "title", SlateList.TitleKind),
        new("genres", SlateCell.List, "title"),
        new("demand", SlateCell.Number, "title"),
        new("affinity", SlateCell.NumberMap, "title"),
        new("regions", SlateCell.List, "title"),
        new("release", SlateCell.Text, "title", SlateList.ReleaseMode),
        new("leadRegion", SlateCell.Text, "title"),
        new("staggerMaxDays", SlateCell.Number, "title"),
        new("tentpole", SlateCell.Boolean, "title"),
        new("earliest", SlateCell.Date, "title"),
        new("latest", SlateCell.Date, "title"),
        new("readiness", SlateCell.DateMap, "title"),
        new("preferred", SlateCell.Date, "title"),
        new("delayCostPerWeek", SlateCell.Number, "title"),
        new("pinned", SlateCell.Pinned, "title"),
        new("after", SlateCell.After, "title"),
        new("marketingCost", SlateCell.Number, "title"),
        new("optional", SlateCell.Boolean, "title"),
        new("priority", SlateCell.Text, "title", SlateList.Priority),
        new("drops", SlateCell.Number, "title"),
        new("dropIntervalDays", SlateCell.Number, "title"),
        new("availableUntil", SlateCell.DateMap, "title"),
        new("holdbacks", SlateCell.Json, "title"),
        new("formats", SlateCell.Json, "title"),
    ];

    public static ImmutableArray<SlateColumn> RegionColumns { get; } =
    [
        new("id", SlateCell.Text, "region"),
        new("name", SlateCell.Text, "region"),
        new("timeZone", SlateCell.Text, "region", SlateList.TimeZone),
        new("audience", SlateCell.Number, "region"),
        new("releaseTime", SlateCell.Time, "region"),
        new("releaseDays", SlateCell.List, "region", SlateList.Weekday),
        new("blackoutDates", SlateCell.DateList, "region"),
    ];

    public static ImmutableArray<SlateColumn> EventColumns { get; } =
    [
        new("id", SlateCell.Text, "event"),
        new("name", SlateCell.Text, "event"),
        new("kind", SlateCell.Text, "event", SlateList.EventKind),
        new("start", SlateCell.Date, "event"),
        new("end", SlateCell.Date, "event"),
        new("regions", SlateCell.List, "event"),
        new("genres", SlateCell.List, "event"),
        new("impact", SlateCell.Number, "event"),
    ];

    public static ImmutableArray<SlateColumn> VariantColumns { get; } =
    [
        new("id", SlateCell.Text, "variant"),
        new("description", SlateCell.Text, "variant"),
        new("changes", SlateCell.Json, "variant"),
    ];

    /// <summary>Scope and key say whose list a range belongs to: the default one, a region's or a genre's.</summary>
    public static ImmutableArray<SlateColumn> SeasonalityColumns { get; } =
    [
        new(ScopeHeader, SlateCell.Text, "", SlateList.SeasonalScope),
        new(KeyHeader, SlateCell.Text, ""),
        new("from", SlateCell.Text, "seasonalRange"),
        new("to", SlateCell.Text, "seasonalRange"),
        new("index", SlateCell.Number, "seasonalRange"),
    ];

    public static ImmutableArray<SlateSetting> SettingRows { get; } =
    [
        new("name", SlateCell.Text),
        new("description", SlateCell.Text),
        new("horizon.start", SlateCell.Date),
        new("horizon.end", SlateCell.Date),
        new("releaseDays", SlateCell.List, SlateList.Weekday),
        new("blackoutDates", SlateCell.DateList),
        new("launchWindowDays", SlateCell.Number),
        new("globalLaunch.timeZone", SlateCell.Text, SlateList.TimeZone),
        new("globalLaunch.time", SlateCell.Time),
        new("capacity.perDay", SlateCell.Number),
        new("capacity.tentpolesPerDay", SlateCell.Number),
        new("capacity.tentpoleSpacingDays", SlateCell.Number),
        new("capacity.marketingBudgetPerWeek", SlateCell.Number),
        new("objective.genreClashCost", SlateCell.Number),
        new("objective.moveCost", SlateCell.Number),
        new("replan.freezeDays", SlateCell.Number),
        new("solver.timeLimitSeconds", SlateCell.Number),
        new("solver.relativeGap", SlateCell.Number),
        new("solver.bestEffort", SlateCell.Boolean),
        new("spacingGroups", SlateCell.Json),
        new("obligations", SlateCell.Json),
        new("$schema", SlateCell.Text),
    ];

    /// <summary>Seasonal scopes: the default list, a region's list, a genre's list.</summary>
    public const string DefaultScope = "default";
    public const string RegionScope = "region";
    public const string GenreScope = "genre";

    public static ImmutableArray<SlateColumn> ColumnsOf(string sheet) => sheet switch
    {
        Titles => TitleColumns,
        Regions => RegionColumns,
        Events => EventColumns,
        Variants => VariantColumns,
        Seasonality => SeasonalityColumns,
        _ => throw new ArgumentOutOfRangeException(nameof(sheet), sheet, "Not a sheet of columns."),
    };
}
