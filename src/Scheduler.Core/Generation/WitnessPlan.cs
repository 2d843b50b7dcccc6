using NodaTime;
using Scheduler.Core.Values;

namespace Scheduler.Core.Generation;

/// <summary>
/// The plan that proves a generated slate can be planned: each title on one date in all of its
/// regions (a global date is also a valid staggered plan), keeping capacity, tentpole spacing, the
/// marketing budget and sequel gaps against the titles placed before it. A title whose window has
/// no such date gets its window widened to the nearest one; with none anywhere it becomes optional.
/// </summary>
internal sealed class WitnessPlan
{
    private readonly LocalDate[] _dates;
    private readonly int _perDay;
    private readonly int _spacing;
    private readonly double _budget;
    private readonly Dictionary<string, int[]> _releases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LocalDate>> _tentpoles = new(StringComparer.Ordinal);
    private readonly Dictionary<IsoWeek, double> _spend = [];

    public WitnessPlan(LocalDate[] dates, int perDay, int tentpoleSpacingDays, double budget)
    {
        _dates = dates;
        _perDay = perDay;
        _spacing = tentpoleSpacingDays;
        _budget = budget;
    }

    public void Place(TitleDraft title, List<TitleDraft> titles)
    {
        var inside = Enumerable.Range(title.First, title.Last - title.First + 1)
            .OrderBy(d => Math.Abs(d - title.Anchor)).ThenBy(d => d);
        var found = inside.Cast<int?>().FirstOrDefault(d => Fits(title, d!.Value));
        if (found is null)
        {
            var outside = Enumerable.Range(0, _dates.Length)
                .Where(d => d < title.First || d > title.Last)
                .OrderBy(d => d < title.First ? title.First - d : d - title.Last).ThenBy(d => d);
            found = outside.Cast<int?>().FirstOrDefault(d => Fits(title, d!.Value));
            if (found is { } widened)
            {
                title.First = Math.Min(title.First, widened);
                title.Last = Math.Max(title.Last, widened);
            }
        }

        if (found is not { } day)
        {
            title.Optional = true;
            return;
        }

        title.Witness = day;
        foreach (var region in title.Regions)
        {
            Releases(region)[day]++;
            if (title.Tentpole)
            {
                Tentpoles(region).Add(_dates[day]);
            }
        }

        if (title.MarketingCost > 0)
        {
            var week = IsoWeek.Of(_dates[day]);
            _spend[week] = _spend.GetValueOrDefault(week) + title.MarketingCost;
        }
    }

    private bool Fits(TitleDraft title, int day)
    {
        var date = _dates[day];
        if (title.After is { Title.Witness: >= 0 } after && date < _dates[after.Title.Witness].PlusDays(after.MinGapDays))
        {
            return false;
        }

        if (title.MarketingCost > 0 && _spend.GetValueOrDefault(IsoWeek.Of(date)) + title.MarketingCost > _budget)
        {
            return false;
        }

        foreach (var region in title.Regions)
        {
            if (Releases(region)[day] >= _perDay)
            {
                return false;
            }

            // One tentpole a day, and tentpoles at least the spacing apart.
            if (title.Tentpole && Tentpoles(region).Exists(t => Math.Abs(Period.DaysBetween(t, date)) < Math.Max(1, _spacing)))
            {
                return false;
            }
        }

        return true;
    }

    private int[] Releases(string region) => _releases.TryGetValue(region, out var counts) ? counts : _releases[region] = new int[_dates.Length];

    private List<LocalDate> Tentpoles(string region) => _tentpoles.TryGetValue(region, out var days) ? days : _tentpoles[region] = [];
}
