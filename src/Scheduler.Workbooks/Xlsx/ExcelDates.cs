using NodaTime;

namespace Scheduler.Workbooks.Xlsx;

/// <summary>
/// Excel's serial dates: days since 1899-12-30, counting from March 1900 (Excel's calendar holds a
/// 29 February 1900, so earlier serials are a day off and are not used here).
/// </summary>
public static class ExcelDates
{
    private static readonly LocalDate Epoch = new(1899, 12, 30);

    /// <summary>The first date whose serial is exact.</summary>
    public static LocalDate FirstExact { get; } = new(1900, 3, 1);

    /// <summary>Serials beyond this (9999-12-31) are not dates.</summary>
    public const double LastSerial = 2958465;

    public static double Serial(LocalDate date) => Period.Between(Epoch, date, PeriodUnits.Days).Days;

    public static double Serial(LocalDateTime dateTime)
        => Serial(dateTime.Date) + (dateTime.TimeOfDay.TickOfDay / (double)NodaConstants.TicksPerDay);

    /// <summary>The date and time of <paramref name="serial"/>, to the minute; null outside March 1900 to 9999.</summary>
    public static LocalDateTime? DateTimeOf(double serial)
    {
        if (double.IsNaN(serial) || serial < Serial(FirstExact) || serial >= LastSerial + 1)
        {
            return null;
        }

        var minutes = (long)Math.Round(serial * 24 * 60, MidpointRounding.AwayFromZero);
        var days = (int)(minutes / (24 * 60));
        return Epoch.PlusDays(days).AtMidnight().PlusMinutes(minutes - (days * 24L * 60));
    }

    /// <summary>The time of day of a fraction of a day, to the minute (Excel's times); null outside [0, 1).</summary>
    public static LocalTime? TimeOf(double fraction)
    {
        if (double.IsNaN(fraction) || fraction < 0 || fraction >= 1)
        {
            return null;
        }

        var minutes = (long)Math.Round(fraction * 24 * 60, MidpointRounding.AwayFromZero);
        return minutes >= 24 * 60 ? null : LocalTime.Midnight.PlusMinutes(minutes);
    }
}
