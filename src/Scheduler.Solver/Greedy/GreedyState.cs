using Scheduler.Core.Domain;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Greedy;

/// <summary>What the greedy planner has placed so far, kept in the form its feasibility checks need.</summary>
internal sealed class GreedyState
{
    private readonly Scenario _scenario;
    private readonly Calendar _calendar;
    private readonly Dictionary<string, int[]> _releases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _tentpoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<int>> _tentpoleDays = new(StringComparer.Ordinal);
    private readonly Dictionary<int, double> _marketing = [];
    private readonly Dictionary<(string Region, string Genre, int Week), int> _genreWeeks = [];
    private readonly Dictionary<string, Dictionary<string, int>> _placed = new(StringComparer.Ordinal);
    private readonly ILookup<string, (Title Sequel, int MinGapDays)> _sequels;

    public GreedyState(Scenario scenario, Calendar calendar)
    {
        _scenario = scenario;
        _calendar = calendar;
        foreach (var region in scenario.Regions)
        {
            _releases[region.Id] = new int[calendar.Days];
            _tentpoles[region.Id] = new int[calendar.Days];
            _tentpoleDays[region.Id] = [];
        }

        _sequels = scenario.Titles
            .SelectMany(t => t.After.Select(gap => (gap.TitleId, Sequel: t, gap.MinGapDays)))
            .ToLookup(x => x.TitleId, x => (x.Sequel, x.MinGapDays), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Dictionary<string, int>> Placed => _placed;

    /// <summary>Rules 5, 6 and 7 for one release of <paramref name="title"/> in <paramref name="region"/> on <paramref name="day"/>.</summary>
    public bool CanRelease(Title title, string region, int day)
    {
        var capacity = _scenario.Capacity;
        if (_releases[region][day] >= capacity.PerDay)
        {
            return false;
        }

        if (title.Tentpole)
        {
            if (_tentpoles[region][day] >= capacity.TentpolesPerDay)
            {
                return false;
            }

            var spacing = capacity.TentpoleSpacingDays;
            if (spacing > 0 && _tentpoleDays[region].GetViewBetween(day - spacing + 1, day + spacing - 1).Count > 0)
            {
                return false;
            }
        }

        foreach (var gap in title.After)
        {
            if (_placed.TryGetValue(gap.TitleId, out var before) && before.TryGetValue(region, out var earlier) && day < earlier + gap.MinGapDays)
            {
                return false;
            }
        }

        foreach (var (sequel, minGapDays) in _sequels[title.Id])
        {
            if (_placed.TryGetValue(sequel.Id, out var after) && after.TryGetValue(region, out var later) && later < day + minGapDays)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rule 9 for a title launching on <paramref name="launchDay"/>.</summary>
    public bool FitsBudget(Title title, int launchDay)
        => _scenario.Capacity.MarketingBudgetPerWeek is not { } budget
           || title.MarketingCost == 0
           || _marketing.GetValueOrDefault(_calendar.Week(launchDay)) + title.MarketingCost <= budget + 1e-9;

    /// <summary>The genre-clash cost that one more release would add.</summary>
    public double ClashIncrease(Title title, string region, int day)
    {
        var cost = _scenario.Objective.GenreClashCost;
        if (cost == 0)
        {
            return 0;
        }

        var week = _calendar.Week(day);
        var clashing = title.Genres.Count(g => _genreWeeks.GetValueOrDefault((region, g, week)) > 0);
        return cost * _scenario.Share(region) * clashing;
    }

    public void Commit(Title title, int launchDay, IReadOnlyDictionary<string, int> days)
    {
        _placed[title.Id] = new Dictionary<string, int>(days, StringComparer.Ordinal);
        var week = _calendar.Week(launchDay);
        _marketing[week] = _marketing.GetValueOrDefault(week) + title.MarketingCost;
        foreach (var (region, day) in days)
        {
            _releases[region][day]++;
            if (title.Tentpole)
            {
                _tentpoles[region][day]++;
                _tentpoleDays[region].Add(day);
            }

            foreach (var genre in title.Genres)
            {
                var key = (region, genre, _calendar.Week(day));
                _genreWeeks[key] = _genreWeeks.GetValueOrDefault(key) + 1;
            }
        }
    }
}
