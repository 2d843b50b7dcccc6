using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Rules;
using Scheduler.Solver.Model;
using CultureInfo = System.Globalization.CultureInfo;

namespace Scheduler.Solver.CpSat;

/// <summary>
/// Builds the release-scheduling model for CP-SAT in sections: decision variables, one method per
/// hard-rule family, the genre-clash cost, and the objective. Boolean g(t,d) releases title t
/// globally on day d; s(t,r,d) releases it in region r on day d in staggered mode; z(t) says whether
/// an optional title is scheduled. Only candidates (<see cref="CandidateSet"/>) become variables.
/// </summary>
internal sealed class ReleaseModelBuilder
{
    // Marketing costs are real numbers; the budget row needs integers. Costs are counted in
    // millionths, rounded up, and the budget rounded down, so every plan the model allows keeps the
    // exact budget.
    private const double MarketingUnitsPerCost = 1e6;

    private readonly CandidateSet _candidates;
    private readonly Scenario _scenario;
    private readonly Calendar _calendar;
    private readonly ModelOptions _options;
    private readonly CpModelWriter _model;
    private readonly List<TitleVariables> _titles = [];
    private readonly Dictionary<string, TitleVariables> _byId = new(StringComparer.Ordinal);
    private readonly List<ClashVariable> _clash = [];
    private readonly List<RuleInstance> _rules = [];
    private readonly Dictionary<int, double> _objective = [];
    private readonly Dictionary<int, double> _bonus = [];
    private readonly Dictionary<string, int> _regionIndex;
    private readonly HashSet<(string Title, string Mode, string Region, int Day)> _reference = [];
    private double _offset;

    // Per region and day: every variable that releases some title there on that day.
    private readonly List<(int Variable, TitleCandidates Title)>?[][] _slots;

    public ReleaseModelBuilder(CandidateSet candidates, ModelOptions? options = null)
    {
        _candidates = candidates;
        _options = options ?? new ModelOptions();
        _scenario = candidates.Scenario;
        _calendar = candidates.Calendar;
        _model = new CpModelWriter(_options.Names);
        _regionIndex = _scenario.Regions.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _slots = [.. _scenario.Regions.Select(_ => new List<(int, TitleCandidates)>?[_calendar.Days])];
        foreach (var assignment in _options.Reference ?? [])
        {
            foreach (var (region, date) in assignment.Dates)
            {
                if (date >= _calendar.Start && _calendar.Day(date) < _calendar.Days)
                {
                    _reference.Add((assignment.TitleId, assignment.Mode, region, _calendar.Day(date)));
                }
            }
        }
    }

    public ReleaseModel Build()
    {
        AddDecisionVariables();
        EachTitleOncePerRegion();
        StaggeredWithinWindowOfLead();
        DailyCapacity();
        DailyTentpoles();
        TentpoleSpacing();
        SequelGaps();
        WeeklyMarketingBudget();
        if (_options.Assumptions)
        {
            AnnouncedDates();
            return new ReleaseModel(_candidates, _model.Proto, _titles, _clash, _rules, ObjectiveScale.For([], [], 0), _objective, _model.NonZeros);
        }

        GenreClashCost();
        MoveCosts();
        var scale = Objective();
        return new ReleaseModel(_candidates, _model.Proto, _titles, _clash, _rules, scale, _objective, _model.NonZeros);
    }

    // ---- Variables ------------------------------------------------------------------------

    private void AddDecisionVariables()
    {
        foreach (var candidates in _candidates.Titles)
        {
            var title = candidates.Title;
            var variables = new TitleVariables(candidates);
            _titles.Add(variables);
            _byId[title.Id] = variables;
            if (!candidates.CanBeScheduled)
            {
                continue;
            }

            if (title.Optional)
            {
                variables.Scheduled = _model.NewBool("z", title.Id);
            }

            for (var i = 0; i < candidates.GlobalDays.Length; i++)
            {
                var day = candidates.GlobalDays[i];
                var variable = _model.NewBool("g", title.Id, Day(day));
                variables.Global[i] = variable;
                var kept = title.Regions.Count(r => _reference.Contains((title.Id, PlanModes.Global, r, day)));
                Gain(variable, candidates.GlobalValues[i], kept * _options.ReferenceBonus);
                foreach (var region in title.Regions)
                {
                    Slot(region, day).Add((variable, candidates));
                }
            }

            if (!candidates.CanBeStaggered)
            {
                continue;
            }

            foreach (var (region, days) in candidates.StaggeredDays)
            {
                var values = candidates.StaggeredValues[region];
                var regionVariables = new int[days.Length];
                for (var i = 0; i < days.Length; i++)
                {
                    regionVariables[i] = _model.NewBool("s", title.Id, region, Day(days[i]));
                    var kept = _reference.Contains((title.Id, PlanModes.Staggered, region, days[i]));
                    Gain(regionVariables[i], values[i], kept ? _options.ReferenceBonus : 0);
                    Slot(region, days[i]).Add((regionVariables[i], candidates));
                }

                variables.Staggered[region] = regionVariables;
            }
        }
    }

    // ---- Hard rules -------------------------------------------------------------------------

    // Rule 1: a title that must release does so once in each of its regions, global or staggered;
    // an optional one in all of its regions or in none. Always hard: it is what a plan is.
    private void EachTitleOncePerRegion()
    {
        foreach (var variables in _titles.Where(v => v.Candidates.CanBeScheduled))
        {
            var title = variables.Candidates.Title;
            var regions = variables.Staggered.Count > 0 ? title.Regions.AsEnumerable() : [title.LeadRegion];
            foreach (var region in regions)
            {
                var literals = variables.Global.Concat(variables.Staggered.GetValueOrDefault(region) ?? []);
                if (variables.Scheduled >= 0)
                {
                    literals = literals.Append(CpModelWriter.Not(variables.Scheduled));
                }

                _model.ExactlyOne(literals, HardRules.OncePerRegion.ShortName, title.Id, region);
            }
        }
    }

    // Rule 4: a staggered region releases on or after the lead region's date and at most
    // staggerMaxDays later: a region's date implies a lead date in the window before it.
    private void StaggeredWithinWindowOfLead()
    {
        foreach (var variables in _titles.Where(v => v.Staggered.Count > 1))
        {
            var candidates = variables.Candidates;
            var title = candidates.Title;
            var lead = title.LeadRegion;
            var leadDays = candidates.StaggeredDays[lead];
            var leadVariables = variables.Staggered[lead];
            foreach (var (region, regionVariables) in variables.Staggered.Where(kv => kv.Key != lead))
            {
                var rule = Rule(RuleFamily.StaggerWindow, title.Id, region, null, lead, [candidates.Index]);
                var days = candidates.StaggeredDays[region];
                for (var i = 0; i < days.Length; i++)
                {
                    var leads = Enumerable.Range(0, leadDays.Length)
                        .Where(j => leadDays[j] >= days[i] - title.StaggerMaxDays && leadDays[j] <= days[i])
                        .Select(j => leadVariables[j]);
                    var constraint = _model.BoolOr(leads, HardRules.StaggerWindow.ShortName, title.Id, region, Day(days[i]));
                    Enforce(constraint, rule, regionVariables[i]);
                }
            }
        }
    }

    // Rule 5: per region and date, at most perDay releases (less those of fixed titles).
    private void DailyCapacity()
    {
        foreach (var (region, day, entries) in Slots())
        {
            var limit = _scenario.Capacity.PerDay - (_options.Fixed?.Releases(region, day) ?? 0);
            if (DistinctTitles(entries) > limit)
            {
                AtMost(RuleFamily.DailyCapacity, region, day, entries, limit);
            }
        }
    }

    // Rule 5: per region and date, at most tentpolesPerDay tentpoles (less those of fixed titles).
    private void DailyTentpoles()
    {
        foreach (var (region, day, entries) in Slots())
        {
            var limit = _scenario.Capacity.TentpolesPerDay - (_options.Fixed?.Tentpoles(region, day) ?? 0);
            var tentpoles = entries.Where(e => e.Title.Title.Tentpole).ToList();
            if (DistinctTitles(tentpoles) > limit)
            {
                AtMost(RuleFamily.DailyTentpoles, region, day, tentpoles, limit);
            }
        }
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
            var tentpoleDays = Enumerable.Range(0, slots.Length).Where(d => slots[d]?.Exists(e => e.Title.Title.Tentpole) == true).ToList();
            var coveredUntil = -1;
            for (var first = 0; first < tentpoleDays.Count; first++)
            {
                var start = tentpoleDays[first];
                var last = first;
                while (last + 1 < tentpoleDays.Count && tentpoleDays[last + 1] < start + span)
                {
                    last++;
                }

                if (tentpoleDays[last] <= coveredUntil)
                {
                    continue; // a window that began earlier already holds every day of this one
                }

                coveredUntil = tentpoleDays[last];
                var entries = tentpoleDays.GetRange(first, last - first + 1)
                    .SelectMany(d => slots[d]!.Where(e => e.Title.Title.Tentpole))
                    .ToList();
                if (DistinctTitles(entries) >= 2)
                {
                    AtMost(RuleFamily.TentpoleSpacing, region.Id, start, entries, 1);
                }
            }
        }
    }

    // Rule 7: in every region where both release, the sequel's day is at least minGapDays after its
    // predecessor's last drop; an optional title left out imposes nothing (its z switches the row off).
    private void SequelGaps()
    {
        foreach (var sequel in _titles.Where(v => v.Candidates.CanBeScheduled))
        {
            foreach (var gap in sequel.Candidates.Title.After)
            {
                if (!_byId.TryGetValue(gap.TitleId, out var predecessor) || !predecessor.Candidates.CanBeScheduled)
                {
                    continue; // a predecessor outside the neighbourhood has narrowed the sequel's dates already
                }

                foreach (var region in sequel.Candidates.Title.Regions.Where(predecessor.Candidates.Title.IsReleasedIn))
                {
                    var rule = Rule(RuleFamily.SequelGap, sequel.Candidates.Title.Id, region, null, gap.TitleId, [sequel.Candidates.Index, predecessor.Candidates.Index]);
                    var constraint = _model.Linear(
                        [(DayOf(sequel, region), 1), (DayOf(predecessor, region), -1)],
                        _scenario.PremiereGapDays(gap),
                        Math.Max(_scenario.PremiereGapDays(gap), _calendar.Days),
                        HardRules.SequelGap.ShortName,
                        sequel.Candidates.Title.Id,
                        gap.TitleId,
                        region);
                    Enforce(constraint, rule, [.. new[] { sequel.Scheduled, predecessor.Scheduled }.Where(z => z >= 0)]);
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

        var byWeek = new SortedDictionary<int, List<(int Variable, TitleCandidates Title)>>();
        foreach (var variables in _titles.Where(v => v.Candidates.Title.MarketingCost > 0))
        {
            var candidates = variables.Candidates;
            var launches = variables.Global.Zip(candidates.GlobalDays)
                .Concat(variables.Staggered.TryGetValue(candidates.Title.LeadRegion, out var lead)
                    ? lead.Zip(candidates.StaggeredDays[candidates.Title.LeadRegion])
                    : []);
            foreach (var (variable, day) in launches)
            {
                var week = _calendar.Week(day);
                (byWeek.TryGetValue(week, out var list) ? list : byWeek[week] = []).Add((variable, candidates));
            }
        }

        foreach (var (week, entries) in byWeek)
        {
            var left = budget - (_options.Fixed?.Spend(week) ?? 0);
            if (entries.DistinctBy(e => e.Title.Index).Sum(e => e.Title.Title.MarketingCost) <= left)
            {
                continue;
            }

            var limit = Math.Max(0, (long)Math.Floor(left * MarketingUnitsPerCost));
            var weekName = ModelNames.Week(_calendar.Weeks[week]);
            var rule = Rule(RuleFamily.MarketingBudget, null, null, null, _calendar.Weeks[week].ToString(), Members(entries));
            var terms = entries.Select(e => (e.Variable, (long)Math.Ceiling(e.Title.Title.MarketingCost * MarketingUnitsPerCost)));
            Enforce(_model.Linear(terms, 0, limit, HardRules.MarketingBudget.ShortName, weekName), rule);
        }
    }

    // Rule 8, in a model that explains infeasibility (elsewhere pins are applied to the candidates):
    // a title releases on its announced date in each region it is pinned in.
    private void AnnouncedDates()
    {
        foreach (var variables in _titles.Where(v => v.Candidates.CanBeScheduled))
        {
            var candidates = variables.Candidates;
            var title = candidates.Title;
            foreach (var (region, pin) in title.Pins.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var day = _calendar.Day(pin);
                var literals = new List<int>();
                var global = Array.IndexOf(candidates.GlobalDays, day);
                if (global >= 0)
                {
                    literals.Add(variables.Global[global]);
                }

                if (variables.Staggered.TryGetValue(region, out var staggered) && Array.IndexOf(candidates.StaggeredDays[region], day) is >= 0 and var index)
                {
                    literals.Add(staggered[index]);
                }

                if (variables.Scheduled >= 0)
                {
                    literals.Add(CpModelWriter.Not(variables.Scheduled));
                }

                var rule = Rule(RuleFamily.Pin, title.Id, region, pin, null, [candidates.Index]);
                Enforce(_model.BoolOr(literals, HardRules.Pin.ShortName, title.Id, region), rule);
            }
        }
    }

    // ---- Objective --------------------------------------------------------------------------

    // genreClashCost * share(r) for every title of a genre beyond the first in one region and ISO week.
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
            var byGenreWeek = new Dictionary<(string Genre, int Week), List<(int Variable, TitleCandidates Title)>>();
            for (var day = 0; day < slots.Length; day++)
            {
                foreach (var entry in slots[day] ?? [])
                {
                    foreach (var genre in entry.Title.Title.Genres.Distinct(StringComparer.Ordinal))
                    {
                        var key = (genre, _calendar.Week(day));
                        (byGenreWeek.TryGetValue(key, out var list) ? list : byGenreWeek[key] = []).Add(entry);
                    }
                }
            }

            var share = _scenario.Share(region.Id);
            foreach (var ((genre, week), entries) in byGenreWeek.OrderBy(kv => kv.Key.Week).ThenBy(kv => kv.Key.Genre, StringComparer.Ordinal))
            {
                // Titles of fixed titles already there count towards the excess.
                var already = _options.Fixed?.GenreCount(region.Id, genre, week) ?? 0;
                var titles = DistinctTitles(entries) + already;
                if (titles < 2)
                {
                    continue;
                }

                var weekName = ModelNames.Week(_calendar.Weeks[week]);
                var excess = _model.NewInt(0, titles - 1, "e", region.Id, genre, weekName);
                _clash.Add(new ClashVariable(excess, _regionIndex[region.Id], genre, week, already));
                _objective[excess] = -cost * share;
                _model.Linear([.. entries.Select(e => (e.Variable, 1L)), (excess, -1)], -titles, 1 - already, "clash", region.Id, genre, weekName);
            }
        }
    }

    // Replans: each release of the plan of record that is not kept costs moveCost. Kept ones earn
    // it back through the reference bonus; here every release that could move is charged up front:
    // a constant for titles that must release, and on z for optional titles, which can avoid the
    // charge by being left out.
    private void MoveCosts()
    {
        if (_options.MoveCost <= 0)
        {
            return;
        }

        foreach (var (titleId, pairs) in _reference.GroupBy(r => r.Title).Select(g => (g.Key, g.Count())))
        {
            if (!_candidates.ById.TryGetValue(titleId, out var candidates))
            {
                continue;
            }

            var charge = _options.MoveCost * pairs;
            var scheduled = _byId[titleId].Scheduled;
            if (scheduled >= 0)
            {
                _objective[scheduled] = _objective.GetValueOrDefault(scheduled) - charge;
            }
            else
            {
                _offset -= charge;
            }
        }
    }

    private ObjectiveScale Objective()
    {
        var variables = _objective.Keys.Order().ToList();
        var scale = ObjectiveScale.For(
            [.. variables.Select(v => _objective[v] + _bonus.GetValueOrDefault(v))],
            [.. variables.Select(v => _model.Proto.Variables[v].Domain[1])],
            _offset);

        // CP-SAT minimizes: a maximization is written negated, with scaling factor -1.
        var objective = new CpObjectiveProto { ScalingFactor = -1 };
        foreach (var variable in variables)
        {
            objective.Vars.Add(variable);
            objective.Coeffs.Add(-(scale.Scale(_objective[variable]) + ScaledBonus(scale, variable)));
        }

        _model.Proto.Objective = objective;
        foreach (var (variable, bonus) in _bonus)
        {
            _objective[variable] += bonus;
        }

        return scale;
    }

    // ---- Helpers ----------------------------------------------------------------------------

    // A bonus is a tie-breaker that may be far below the rounding of the value it is added to, so it
    // is rounded up on its own, to at least one unit of the integer objective.
    private long ScaledBonus(ObjectiveScale scale, int variable)
        => _bonus.TryGetValue(variable, out var bonus) ? Math.Max(1, scale.Scale(bonus)) : 0;

    private void Gain(int variable, double value, double bonus)
    {
        _objective[variable] = value;
        if (bonus > 0)
        {
            _bonus[variable] = bonus;
        }
    }

    private void AtMost(RuleFamily family, string region, int day, List<(int Variable, TitleCandidates Title)> entries, int limit)
    {
        var rule = Rule(family, null, region, _calendar.Date(day), null, Members(entries));
        var constraint = limit == 1 && !_options.Assumptions
            ? _model.AtMostOne(entries.Select(e => e.Variable), HardRules.Of(family).ShortName, region, Day(day))
            : _model.Linear(entries.Select(e => (e.Variable, 1L)), 0, limit, HardRules.Of(family).ShortName, region, Day(day));
        Enforce(constraint, rule);
    }

    private RuleInstance Rule(RuleFamily family, string? title, string? region, LocalDate? date, string? detail, int[] members)
    {
        var rule = new RuleInstance(family, title, region, date, detail, [.. members.Distinct().Order()]);
        if (_options.Assumptions)
        {
            rule = rule with { Assumption = _model.NewBool("assume", HardRules.Of(family).ShortName, _rules.Count.ToString(CultureInfo.InvariantCulture)) };
        }

        _rules.Add(rule);
        return rule;
    }

    /// <summary>Switches <paramref name="constraint"/> on with <paramref name="literals"/> and, when explaining infeasibility, the rule's assumption.</summary>
    private static void Enforce(ConstraintProto constraint, RuleInstance rule, params int[] literals)
    {
        constraint.EnforcementLiteral.Add(literals);
        if (rule.Assumption >= 0)
        {
            constraint.EnforcementLiteral.Add(rule.Assumption);
        }
    }

    /// <summary>The integer day of a title's release in a region, made on first use: the sum of day * release literal.</summary>
    private int DayOf(TitleVariables variables, string region)
    {
        if (variables.Day.TryGetValue(region, out var existing))
        {
            return existing;
        }

        var candidates = variables.Candidates;
        var terms = variables.Global.Zip(candidates.GlobalDays).ToList();
        if (variables.Staggered.TryGetValue(region, out var staggered))
        {
            terms.AddRange(staggered.Zip(candidates.StaggeredDays[region]));
        }

        var lower = variables.Scheduled >= 0 ? 0 : terms.Min(t => t.Second);
        var day = _model.NewInt(lower, terms.Max(t => t.Second), "day", candidates.Title.Id, region);
        _model.Linear([(day, 1), .. terms.Select(t => (t.First, -(long)t.Second))], 0, 0, "day", candidates.Title.Id, region);
        variables.Day[region] = day;
        return day;
    }

    private IEnumerable<(string Region, int Day, List<(int Variable, TitleCandidates Title)> Entries)> Slots()
    {
        foreach (var region in _scenario.Regions)
        {
            var slots = _slots[_regionIndex[region.Id]];
            for (var day = 0; day < slots.Length; day++)
            {
                if (slots[day] is { } entries)
                {
                    yield return (region.Id, day, entries);
                }
            }
        }
    }

    private static int DistinctTitles(List<(int Variable, TitleCandidates Title)> entries)
        => entries.Select(e => e.Title.Index).Distinct().Count();

    private static int[] Members(IEnumerable<(int Variable, TitleCandidates Title)> entries)
        => [.. entries.Select(e => e.Title.Index)];

    private List<(int, TitleCandidates)> Slot(string region, int day) => _slots[_regionIndex[region]][day] ??= [];

    private string Day(int day) => ModelNames.Day(_calendar.Date(day));
}
