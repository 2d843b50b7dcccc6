using NodaTime;
using Scheduler.Core.Values;

namespace Scheduler.Solver.Model;

/// <summary>
/// Day numbers over the horizon (0 = horizon start), so that the model works with small integers
/// and looks ISO weeks up in an array instead of computing them per candidate.
/// </summary>
internal sealed class Calendar
{
    private readonly int[] _weekOfDay;

    public Calendar(DateInterval horizon)
    {
        Start = horizon.Start;
        Days = horizon.Length;
        var weeks = new List<IsoWeek>();
        _weekOfDay = new int[Days];
        for (var day = 0; day < Days; day++)
        {
            var week = IsoWeek.Of(Start.PlusDays(day));
            if (weeks.Count == 0 || weeks[^1] != week)
            {
                weeks.Add(week);
            }

            _weekOfDay[day] = weeks.Count - 1;
        }

        Weeks = weeks;
    }

    public LocalDate Start { get; }

    public int Days { get; }

    /// <summary>The ISO weeks the horizon touches, in order.</summary>
    public IReadOnlyList<IsoWeek> Weeks { get; }

    public LocalDate Date(int day) => Start.PlusDays(day);

    public int Day(LocalDate date) => Period.DaysBetween(Start, date);

    public int Week(int day) => _weekOfDay[day];
}
