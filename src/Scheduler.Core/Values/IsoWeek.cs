using NodaTime;
using NodaTime.Calendars;

namespace Scheduler.Core.Values;

/// <summary>An ISO week (Monday to Sunday) named by its ISO week-year and number: 2027-01-01 is in 2026-W53.</summary>
public readonly record struct IsoWeek(int WeekYear, int Week) : IComparable<IsoWeek>
{
    public static IsoWeek Of(LocalDate date) => new(
        WeekYearRules.Iso.GetWeekYear(date),
        WeekYearRules.Iso.GetWeekOfWeekYear(date));

    /// <summary>The Monday that starts the week.</summary>
    public LocalDate Monday => WeekYearRules.Iso.GetLocalDate(WeekYear, Week, IsoDayOfWeek.Monday);

    public int CompareTo(IsoWeek other) => (WeekYear, Week).CompareTo((other.WeekYear, other.Week));

    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;

    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;

    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;

    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{WeekYear}-W{Week:00}";
}
