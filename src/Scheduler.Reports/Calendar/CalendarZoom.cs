namespace Scheduler.Reports.Calendar;

/// <summary>How much of the horizon a calendar shows across a laptop's screen: the width given to a week.</summary>
public enum CalendarZoom
{
    /// <summary>About half a year across; the report files' own scale.</summary>
    HalfYear,

    /// <summary>A whole year across.</summary>
    Year,

    /// <summary>A quarter across.</summary>
    Quarter,

    /// <summary>A month across.</summary>
    Month,
}

/// <summary>The scale of each zoom.</summary>
public static class CalendarZooms
{
    /// <summary>Pixels a week takes: a year of 53 weeks fits in about 1,100 pixels, a quarter in 1,200, a month in 1,250.</summary>
    public static int WeekWidth(this CalendarZoom zoom) => zoom switch
    {
        CalendarZoom.Year => 20,
        CalendarZoom.Quarter => 90,
        CalendarZoom.Month => 250,
        _ => 26,
    };

    /// <summary>The zoom named <paramref name="name"/> (<c>year</c>, <c>half-year</c>, <c>quarter</c>, <c>month</c>), or null.</summary>
    public static CalendarZoom? Parse(string? name) => name switch
    {
        "year" => CalendarZoom.Year,
        "half-year" => CalendarZoom.HalfYear,
        "quarter" => CalendarZoom.Quarter,
        "month" => CalendarZoom.Month,
        _ => null,
    };
}
