namespace Scheduler.Workbooks.Plans;

/// <summary>
/// The sheets and columns of a plan workbook (docs/workbooks.md). The Releases sheet is the one read
/// back: a planner edits its <see cref="Date"/> column; <see cref="Planned"/> keeps each date as it
/// was exported, so the edits are the rows where the two differ.
/// </summary>
public static class PlanSheets
{
    public const string Releases = "Releases";
    public const string Kpis = "KPIs";
    public const string Calendar = "Calendar";
    public const string Moves = "Moves";

    public const string Title = "title";
    public const string Name = "name";
    public const string Region = "region";
    public const string Mode = "mode";
    public const string Date = "date";
    public const string LocalTime = "local time";
    public const string TimeZone = "time zone";
    public const string PublishAtUtc = "publish at (UTC)";
    public const string Drops = "drops";
    public const string DropDates = "drop dates";
    public const string Value = "value";
    public const string Base = "base";
    public const string Seasonal = "seasonal";
    public const string Genre = "genre";
    public const string Competition = "competition";
    public const string Timing = "timing";
    public const string Planned = "planned";
    public const string Format = "format";

    /// <summary>The Releases sheet's columns, in order.</summary>
    public static IReadOnlyList<string> ReleaseColumns { get; } =
    [
        Title, Name, Region, Mode, Date, LocalTime, TimeZone, PublishAtUtc, Drops, DropDates, Value, Base, Seasonal, Genre, Competition, Timing, Planned, Format,
    ];
}
