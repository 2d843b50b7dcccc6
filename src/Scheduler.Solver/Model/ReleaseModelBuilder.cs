using Scheduler.Core.Domain;
using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Model;

/// <summary>
/// Builds the release-scheduling MIP in sections: variables, one method per hard-rule family,
/// the genre-clash cost, and the objective (on the columns). Binary g(t,d) releases title t
/// globally on day d; binary s(t,r,d) releases it in region r on day d in staggered mode; z(t)
/// says whether an optional title is scheduled at all. Only candidates exist as columns.
/// </summary>
internal sealed class ReleaseModelBuilder
{
    private readonly CandidateSet _candidates;
    private readonly Scenario _scenario;
    private readonly Calendar _calendar;
    private readonly MipModel _mip = new(ObjectiveSense.Maximize);
    private readonly ModelNames _names = new();
    private readonly List<TitleColumns> _titles = [];
    private readonly List<ClashColumn> _clash = [];
    private readonly Dictionary<string, int> _regionIndex;

    // Per region and day: every column that releases some title there on that day.
    private readonly List<(int Column, TitleCandidates Title)>[][] _slots;

    // (title, mode, region, day) of a reference plan, and the tiny bonus that breaks ties toward it:
    // the same dates in the same mode, since a staggered release on one date everywhere is worth
    // exactly what the global release is.
    private readonly HashSet<(string Title, string Mode, string Region, int Day)> _reference = [];
    private readonly double _referenceBonus;

    // Elastic mode (explaining infeasibility): every hard-rule row gets a slack column that costs
    // 1 per unit, and the values shrink to tie-breakers, so the optimum breaks as few rules as it can.
    private readonly bool _elastic;
    private readonly List<ElasticSlack> _slacks = [];

    /// <param name="candidates">The candidates to make columns of.</param>
    /// <param name="reference">A plan to stay close to: its dates get <paramref name="referenceBonus"/> per release, so that among equally good plans the solver keeps them.</param>
    /// <param name="referenceBonus">Far below the solver's gap tolerance, so that it breaks ties and nothing else.</param>
    /// <param name="elastic">Build the elastic model that explains infeasibility (see <see cref="ElasticSlack"/>).</param>
    public ReleaseModelBuilder(CandidateSet candidates, IReadOnlyList<Core.Plans.Assignment>? reference = null, double referenceBonus = 0, bool elastic = false)
    {
        _candidates = candidates;
        _elastic = elastic;
        _referenceBonus = referenceBonus;
        foreach (var assignment in reference ?? [])
        {
            foreach (var (region, date) in assignment.Dates)
            {
                if (date >= candidates.Calendar.Start && candidates.Calendar.Day(date) < candidates.Calendar.Days)
                {
                    _reference.Add((assignment.TitleId, assignment.Mode, region, candidates.Calendar.Day(date)));
                }
            }
        }

        _scenario = candidates.Scenario;
        _calendar = candidates.Calendar;
        _regionIndex = _scenario.Regions.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _slots = [.. _scenario.Regions.Select(_ => new List<(int, TitleCandidates)>[_calendar.Days])];
    }

    public ReleaseModel Build()
    {
        AddDecisionColumns();
        EachTitleOncePerRegion();
        StaggeredWithinWindowOfLead();
        DailyCapacity();
        TentpoleSpacing();
        SequelGaps();
        WeeklyMarketingBudget();
        if (!_elastic)
        {
            GenreClashCost();
        }

        return new ReleaseModel(_candidates, _mip, _titles, _clash) { Slacks = _slacks };
    }

    private void AddDecisionColumns()
    {
        foreach (var candidates in _candidates.Titles)
        {
            var title = candidates.Title;
            var columns = new TitleColumns(candidates);
            _titles.Add(columns);
            if (!candidates.CanBeScheduled)
            {
                continue;
            }

            if (title.Optional)
            {
                columns.Scheduled = _mip.AddColumn(_names.Name("z", title.Id), 0, 1, 0, isInteger: true);
            }

            for (var i = 0; i < candidates.GlobalDays.Length; i++)
            {
                var day = candidates.GlobalDays[i];
                var bonus = title.Regions.Count(r => _reference.Contains((title.Id, Core.Plans.PlanModes.Global, r, day))) * _referenceBonus;
                var column = _mip.AddColumn(_names.Name("g", title.Id, Day(day)), 0, 1, Scaled(candidates.GlobalValues[i] + bonus), isInteger: true);
                columns.Global[i] = column;
                foreach (var region in title.Regions)
                {
                    Slot(region, day).Add((column, candidates));
                }
            }

            if (!candidates.CanBeStaggered)
            {
                continue;
            }

            foreach (var (region, days) in candidates.StaggeredDays)
            {
                var values = candidates.StaggeredValues[region];
                var regionColumns = new int[days.Length];
                for (var i = 0; i < days.Length; i++)
                {
                    var bonus = _reference.Contains((title.Id, Core.Plans.PlanModes.Staggered, region, days[i])) ? _referenceBonus : 0;
                    regionColumns[i] = _mip.AddColumn(_names.Name("s", title.Id, region, Day(days[i])), 0, 1, Scaled(values[i] + bonus), isInteger: true);
                    Slot(region, days[i]).Add((regionColumns[i], candidates));
                }

                columns.Staggered[region] = regionColumns;
            }
        }
    }

    // Rule 1: a title that must release does so once in each of its regions (global or staggered);
    // an optional title in all of its regions or in none.
    private void EachTitleOncePerRegion()
    {
        foreach (var columns in _titles.Where(c => c.Candidates.CanBeScheduled))
        {
            var title = columns.Candidates.Title;
            var rhs = title.Optional ? 0.0 : 1.0;
            var regions = columns.Staggered.Count > 0 ? title.Regions.AsEnumerable() : [title.LeadRegion];
            foreach (var region in regions)
            {
                _mip.BeginRow(_names.Name("assign", title.Id, region), rhs, rhs);
                foreach (var column in columns.Global)
                {
                    _mip.AddTerm(column, 1);
                }

                foreach (var column in columns.Staggered.GetValueOrDefault(region) ?? [])
                {
                    _mip.AddTerm(column, 1);
                }

                if (title.Optional)
                {
                    _mip.AddTerm(columns.Scheduled, -1);
                }
                else
                {
                    Slack(1, new ElasticSlack(-1, "assign", title.Id, region, null, []));
                }
            }
        }
    }

    // Rule 4: a staggered region releases on or after the lead region and at most staggerMaxDays later.
    // Both sides are zero when the title is global or left out, so no big-M is needed.
    private void StaggeredWithinWindowOfLead()
    {
        foreach (var columns in _titles.Where(c => c.Staggered.Count > 1))
        {
            var title = columns.Candidates.Title;
            var lead = title.LeadRegion;
            foreach (var (region, regionColumns) in columns.Staggered.Where(kv => kv.Key != lead))
            {
                _mip.BeginRow(_names.Name("stagger", title.Id, region), 0, title.StaggerMaxDays);
                AddDayTerms(regionColumns, columns.Candidates.StaggeredDays[region], 1);
                AddDayTerms(columns.Staggered[lead], columns.Candidates.StaggeredDays[lead], -1);
                Slack(-1, new ElasticSlack(-1, "stagger", title.Id, region, null, []));
            }
        }
    }

    // Rule 5: per region and day, at most perDay releases and tentpolesPerDay tentpoles.
    private void DailyCapacity()
    {
        var capacity = _scenario.Capacity;
        foreach (var region in _scenario.Regions)
        {
            var slots = _slots[_regionIndex[region.Id]];
            for (var day = 0; day < slots.Length; day++)
            {
                if (slots[day] is not { } entries)
                {
                    continue;
                }

                AddLimit("cap", region.Id, day, entries, capacity.PerDay);
                AddLimit("tent", region.Id, day, [.. entries.Where(e => e.Title.Title.Tentpole)], capacity.TentpolesPerDay);
            }
        }
    }

    private void AddLimit(string kind, string region, int day, List<(int Column, TitleCandidates Title)> entries, int limit)
    {
        if (entries.Select(e => e.Title.Index).Distinct().Count() <= limit)
        {
            return;
        }

        _mip.BeginRow(_names.Name(kind, region, Day(day)), double.NegativeInfinity, limit);
        foreach (var (column, _) in entries)
        {
            _mip.AddTerm(column, 1);
        }

        Slack(-1, new ElasticSlack(-1, kind, null, region, Day(day), Members(entries)));
    }

    // Rule 6: in one region, at most one tentpole in any tentpoleSpacingDays consecutive days.
    private void TentpoleSpacing()
    {
        var span = _scenario.Capacity.TentpoleSpacingDays;
        if (span == 0)
        {
            return;
        }

        foreach (var region in _scenario.Regions)
        {
            var slots = _slots[_regionIndex[region.Id]];
            var tentpoleDays = Enumerable.Range(0, slots.Length).Where(d => slots[d]?.Any(e => e.Title.Title.Tentpole) == true).ToList();
            var coveredUntil = -1;
            foreach (var start in tentpoleDays)
            {
                var window = tentpoleDays.Where(d => d >= start && d < start + span).ToList();
                if (window[^1] <= coveredUntil)
                {
                    continue; // every entry is already in the previous window's row
                }

                coveredUntil = window[^1];
                var entries = window.SelectMany(d => slots[d]!.Where(e => e.Title.Title.Tentpole)).ToList();
                if (entries.Select(e => e.Title.Index).Distinct().Count() < 2)
                {
                    continue;
                }

                _mip.BeginRow(_names.Name("spacing", region.Id, Day(start)), double.NegativeInfinity, 1);
                foreach (var (column, _) in entries)
                {
                    _mip.AddTerm(column, 1);
                }

                Slack(-1, new ElasticSlack(-1, "spacing", null, region.Id, Day(start), Members(entries)));
            }
        }
    }

    // Rule 7: in every region where both release, the sequel's day is at least minGapDays after
    // its predecessor's. Days are counted from 1 so that 0 means "not released"; an optional title
    // left out relaxes the row through a big-M on its z column.
    private void SequelGaps()
    {
        foreach (var sequel in _titles.Where(c => c.Candidates.CanBeScheduled))
        {
            foreach (var gap in sequel.Candidates.Title.After)
            {
                var predecessor = _titles[_candidates.ById[gap.TitleId].Index];
                if (!predecessor.Candidates.CanBeScheduled)
                {
                    continue;
                }

                var bigM = _calendar.Days + 1 + gap.MinGapDays;
                var optional = (sequel.Scheduled >= 0 ? 1 : 0) + (predecessor.Scheduled >= 0 ? 1 : 0);
                foreach (var region in sequel.Candidates.Title.Regions.Where(predecessor.Candidates.Title.IsReleasedIn))
                {
                    _mip.BeginRow(
                        _names.Name("after", sequel.Candidates.Title.Id, gap.TitleId, region),
                        gap.MinGapDays - (bigM * optional),
                        double.PositiveInfinity);
                    AddReleaseDayTerms(sequel, region, 1);
                    AddReleaseDayTerms(predecessor, region, -1);
                    if (sequel.Scheduled >= 0)
                    {
                        _mip.AddTerm(sequel.Scheduled, -bigM);
                    }

                    if (predecessor.Scheduled >= 0)
                    {
                        _mip.AddTerm(predecessor.Scheduled, -bigM);
                    }

                    Slack(1, new ElasticSlack(-1, "after", sequel.Candidates.Title.Id, region, gap.TitleId, []));
                }
            }
        }
    }

    // Rule 9: the marketing cost of the titles launching in one ISO week stays within the budget.
    private void WeeklyMarketingBudget()
    {
        if (_scenario.Capacity.MarketingBudgetPerWeek is not { } budget)
        {
            return;
        }

        var byWeek = new Dictionary<int, List<(int Column, TitleCandidates Title)>>();
        foreach (var columns in _titles.Where(c => c.Candidates.Title.MarketingCost > 0))
        {
            var candidates = columns.Candidates;
            var launches = columns.Global.Zip(candidates.GlobalDays)
                .Concat(columns.Staggered.TryGetValue(candidates.Title.LeadRegion, out var lead)
                    ? lead.Zip(candidates.StaggeredDays[candidates.Title.LeadRegion])
                    : []);
            foreach (var (column, day) in launches)
            {
                var week = _calendar.Week(day);
                (byWeek.TryGetValue(week, out var list) ? list : byWeek[week] = []).Add((column, candidates));
            }
        }

        foreach (var (week, entries) in byWeek.OrderBy(kv => kv.Key))
        {
            if (entries.DistinctBy(e => e.Title.Index).Sum(e => e.Title.Title.MarketingCost) <= budget)
            {
                continue;
            }

            _mip.BeginRow(_names.Name("budget", ModelNames.Week(_calendar.Weeks[week])), double.NegativeInfinity, budget);
            foreach (var (column, title) in entries)
            {
                _mip.AddTerm(column, title.Title.MarketingCost);
            }

            Slack(-1, new ElasticSlack(-1, "budget", null, null, ModelNames.Week(_calendar.Weeks[week]), Members(entries)));
        }
    }

    // Objective: genreClashCost * share(r) for every title of a genre beyond the first in one region and ISO week.
    private void GenreClashCost()
    {
        var cost = _scenario.Objective.GenreClashCost;
        if (cost == 0)
        {
            return;
        }

        foreach (var region in _scenario.Regions)
        {
            var slots = _slots[_regionIndex[region.Id]];
            var byGenreWeek = new Dictionary<(string Genre, int Week), List<(int Column, TitleCandidates Title)>>();
            for (var day = 0; day < slots.Length; day++)
            {
                foreach (var entry in slots[day] ?? [])
                {
                    foreach (var genre in entry.Title.Title.Genres)
                    {
                        var key = (genre, _calendar.Week(day));
                        (byGenreWeek.TryGetValue(key, out var list) ? list : byGenreWeek[key] = []).Add(entry);
                    }
                }
            }

            var share = _scenario.Share(region.Id);
            foreach (var ((genre, week), entries) in byGenreWeek)
            {
                if (entries.Select(e => e.Title.Index).Distinct().Count() < 2)
                {
                    continue;
                }

                var weekName = ModelNames.Week(_calendar.Weeks[week]);
                var excess = _mip.AddColumn(_names.Name("e", region.Id, genre, weekName), 0, double.PositiveInfinity, -cost * share);
                _clash.Add(new ClashColumn(excess, _regionIndex[region.Id], genre, week));
                _mip.BeginRow(_names.Name("clash", region.Id, genre, weekName), double.NegativeInfinity, 1);
                foreach (var (column, _) in entries)
                {
                    _mip.AddTerm(column, 1);
                }

                _mip.AddTerm(excess, -1);
            }
        }
    }

    /// <summary>In elastic mode, lets the row just begun break its rule at a cost of one per unit.</summary>
    private void Slack(double sign, ElasticSlack slack)
    {
        if (!_elastic)
        {
            return;
        }

        var column = _mip.AddColumn(_names.Name("slack", _mip.RowCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), 0, double.PositiveInfinity, -1);
        _mip.AddTerm(column, sign);
        _slacks.Add(slack with { Column = column });
    }

    private static List<(int Column, string Title)> Members(IEnumerable<(int Column, TitleCandidates Title)> entries)
        => [.. entries.Select(e => (e.Column, e.Title.Title.Id))];

    private double Scaled(double value) => _elastic ? value * 1e-6 : value;

    private void AddReleaseDayTerms(TitleColumns columns, string region, double sign)
    {
        AddDayTerms(columns.Global, columns.Candidates.GlobalDays, sign);
        if (columns.Staggered.TryGetValue(region, out var staggered))
        {
            AddDayTerms(staggered, columns.Candidates.StaggeredDays[region], sign);
        }
    }

    private void AddDayTerms(int[] columns, int[] days, double sign)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            _mip.AddTerm(columns[i], sign * (days[i] + 1));
        }
    }

    private List<(int Column, TitleCandidates Title)> Slot(string region, int day)
        => _slots[_regionIndex[region]][day] ??= [];

    private string Day(int day) => ModelNames.Day(_calendar.Date(day));
}
