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
/// an optional title is scheduled. A title with formats stands once per format, each optional, and
/// one z of them is set (<see cref="FormatExpansion"/>). Only candidates (<see cref="CandidateSet"/>) become variables.
/// </summary>
internal sealed partial class ReleaseModelBuilder
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
    private readonly Dictionary<int, int> _kept = [];
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
        OneFormatPerTitle();
        StaggeredWithinWindowOfLead();
        DailyCapacity();
        DailyTentpoles();
        TentpoleSpacing();
        SpacingGroups();
        Obligations();
        SequelGaps();
        WeeklyMarketingBudget();
        if (_options.Assumptions)
        {
            AnnouncedDates();
            return new ReleaseModel(_candidates, _model.Proto, _titles, _clash, _rules, ObjectiveScale.For([], [], 0), _objective, _model.NonZeros) { Kept = _kept };
        }

        GenreClashCost();
        MoveCosts();
        var scale = Objective();
        return new ReleaseModel(_candidates, _model.Proto, _titles, _clash, _rules, scale, _objective, _model.NonZeros) { Kept = _kept };
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
                Gain(variable, candidates.GlobalValues[i], kept);
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
                    Gain(regionVariables[i], values[i], kept ? 1 : 0);
                    Slot(region, days[i]).Add((regionVariables[i], candidates));
                }

                variables.Staggered[region] = regionVariables;
            }
        }
    }

    // ---- Helpers ----------------------------------------------------------------------------

    // A bonus is a tie-breaker that may be far below the rounding of the value it is added to, so it
    // is rounded up on its own, to at least one unit of the integer objective.
    private long ScaledBonus(ObjectiveScale scale, int variable)
        => _bonus.TryGetValue(variable, out var bonus) ? Math.Max(1, scale.Scale(bonus)) : 0;

    // keptReleases: how many releases of the reference the variable keeps on their date and mode.
    private void Gain(int variable, double value, int keptReleases)
    {
        _objective[variable] = value;
        if (keptReleases > 0)
        {
            _kept[variable] = keptReleases;
            if (_options.ReferenceBonus > 0)
            {
                _bonus[variable] = keptReleases * _options.ReferenceBonus;
            }
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

    // At most one of the selected titles' premieres in the region in any span consecutive days: one row
    // per maximal run of days that fits in a span (a run inside an earlier one adds nothing).
    private void AtMostOneInEverySpan(RuleFamily family, string? detail, string region, int span, Func<TitleCandidates, bool> selected)
    {
        if (span <= 0)
        {
            return;
        }

        var slots = _slots[_regionIndex[region]];
        var days = Enumerable.Range(0, slots.Length).Where(d => slots[d]?.Exists(e => selected(e.Title)) == true).ToList();
        var coveredUntil = -1;
        for (var first = 0; first < days.Count; first++)
        {
            var start = days[first];
            var last = first;
            while (last + 1 < days.Count && days[last + 1] < start + span)
            {
                last++;
            }

            if (days[last] <= coveredUntil)
            {
                continue;
            }

            coveredUntil = days[last];
            var entries = days.GetRange(first, last - first + 1).SelectMany(d => slots[d]!.Where(e => selected(e.Title))).ToList();
            if (DistinctTitles(entries) >= 2)
            {
                var rule = Rule(family, null, region, _calendar.Date(start), detail, Members(entries));
                var names = detail is null ? new[] { region, Day(start) } : [detail, region, Day(start)];
                var constraint = _options.Assumptions
                    ? _model.Linear(entries.Select(e => (e.Variable, 1L)), 0, 1, HardRules.Of(family).ShortName, names)
                    : _model.AtMostOne(entries.Select(e => e.Variable), HardRules.Of(family).ShortName, names);
                Enforce(constraint, rule);
            }
        }
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
