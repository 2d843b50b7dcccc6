using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Rules;
using Scheduler.Core.Values;

namespace Scheduler.Core.Explanations;

/// <summary>
/// The hard rules that keep a title off a date, given the rest of a plan, each in the words a
/// planner reads in <c>explain</c>: its window, rights and readiness, release days and blackouts,
/// its mode, a pin, a full day, a tentpole on the day or too near, a spacing group, a sequel gap, a holdback, the stagger window
/// and the marketing week. The plan may be of another scenario (the base of a what-if judged by a
/// variant's rules): its releases of titles the scenario does not hold are left out.
/// </summary>
public sealed class RuleCheck
{
    private readonly Scenario _scenario;
    private readonly List<ReleasePlan> _releases;
    private readonly List<TitlePlan> _titles;
    private readonly Dictionary<(string Title, string Region), LocalDate> _dates;

    // Indexes, so that asking about every date of a title (a title left out) stays cheap on large plans.
    private readonly ILookup<(string Region, LocalDate Date), string> _byDay;
    private readonly ILookup<string, ReleasePlan> _tentpolesByRegion;
    private readonly ILookup<IsoWeek, TitlePlan> _spendersByWeek;
    private readonly ILookup<string, Title> _sequelsOf;
    private readonly Dictionary<(Obligation Obligation, string Region, LocalDate Period), List<string>> _counted = [];

    public RuleCheck(Scenario scenario, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        scenario = PlanFormats.Resolve(scenario, plan); // each title's drops are those of the format the plan chose
        _scenario = scenario;
        _releases = [.. plan.Releases.Where(r => scenario.TitlesById.ContainsKey(r.Title))];
        _titles = [.. plan.Titles.Where(t => scenario.TitlesById.ContainsKey(t.Id))];
        _dates = _releases.ToDictionary(r => (r.Title, r.Region), r => r.Date);
        _byDay = _releases.ToLookup(r => (r.Region, r.Date), r => r.Title);
        _tentpolesByRegion = _releases.Where(r => scenario.TitlesById[r.Title].Tentpole).ToLookup(r => r.Region, StringComparer.Ordinal);
        _spendersByWeek = _titles
            .Where(t => t.Scheduled && t.LaunchDate is not null && scenario.TitlesById[t.Id].MarketingCost > 0)
            .ToLookup(t => IsoWeek.Of(t.LaunchDate!.Value));
        _sequelsOf = scenario.Titles.SelectMany(t => t.After.Select(a => (a.TitleId, Sequel: t))).ToLookup(x => x.TitleId, x => x.Sequel, StringComparer.Ordinal);
    }

    /// <summary>Every rule that keeps <paramref name="title"/> off <paramref name="date"/>, given the rest of the plan.</summary>
    /// <param name="title">The title, of this scenario.</param>
    /// <param name="regions">The regions that move with it: all of its regions for a global release, else <paramref name="regionId"/> alone.</param>
    /// <param name="regionId">The region asked about.</param>
    /// <param name="mode">The mode it would release in (<see cref="PlanModes"/>).</param>
    /// <param name="date">The date asked about.</param>
    /// <returns>The rules, each with its sentence; empty when none does.</returns>
    public ImmutableArray<RuledOut> Check(Title title, IReadOnlyList<string> regions, string regionId, string mode, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(regions);
        var reasons = new List<RuledOut>();
        if (title.Release == ReleaseMode.Global && mode == PlanModes.Staggered || title.Release == ReleaseMode.Staggered && mode == PlanModes.Global)
        {
            reasons.Add(new RuledOut(HardRules.Mode, $"released {(title.Release == ReleaseMode.Global ? "globally" : "staggered")} only"));
        }

        foreach (var region in regions)
        {
            if (!_scenario.RegionsById.TryGetValue(region, out var where))
            {
                reasons.Add(new RuledOut(HardRules.Window, $"region {region} is not in the scenario"));
                continue;
            }

            if (!where.IsReleaseDay(date))
            {
                reasons.Add(new RuledOut(HardRules.ReleaseDays, where.BlackoutDates.Contains(date)
                    ? $"{Text(date)} is a blackout date in {region}"
                    : $"{Text(date)} is a {date.DayOfWeek}, not a release day in {region}"));
            }

            if (_scenario.WindowOf(title, region) is not { } window || !window.Contains(date))
            {
                reasons.Add(new RuledOut(HardRules.Window, WindowReason(title, region, date)));
            }

            foreach (var holdback in title.Holdbacks.Where(h => h.HoldsIn(region) && date < h.Until))
            {
                reasons.Add(new RuledOut(HardRules.Holdback, holdback.Days == 0
                    ? $"held back in {region} until {holdback.Name} on {Text(holdback.Date)}"
                    : $"held back in {region} by {holdback.Name} ({Text(holdback.Date)}) + {holdback.Days} days, until {Text(holdback.Until)}"));
            }

            DropRules(title, region, date, reasons);

            if (title.Pins.TryGetValue(region, out var pin) && pin != date)
            {
                reasons.Add(new RuledOut(HardRules.Pin, $"pinned to {Text(pin)} in {region}"));
            }

            var others = Others(region, date, title.Id);
            if (others.Count >= _scenario.Capacity.PerDay)
            {
                reasons.Add(new RuledOut(HardRules.DailyCapacity, $"capacity full in {region} on {Text(date)}: {string.Join(", ", others)} (perDay {_scenario.Capacity.PerDay})") { Titles = [.. others] });
            }

            if (title.Tentpole)
            {
                TentpoleRules(title, region, date, reasons);
            }

            ObligationRules(title, region, date, reasons);
            SequelRules(title, region, date, reasons);
        }

        GroupRules(title, regions.Where(_scenario.RegionsById.ContainsKey), date, reasons);
        if (mode == PlanModes.Staggered)
        {
            StaggerRule(title, regionId, date, reasons);
        }

        var launches = mode == PlanModes.Global || regionId == title.LeadRegion;
        if (launches && title.MarketingCost > 0 && _scenario.Capacity.MarketingBudgetPerWeek is { } budget)
        {
            var week = IsoWeek.Of(date);
            var spenders = _spendersByWeek[week].Where(t => t.Id != title.Id).ToList();
            var spend = spenders.Sum(t => _scenario.TitlesById[t.Id].MarketingCost);
            if (spend + title.MarketingCost > budget + 1e-9)
            {
                var sentence = spenders.Count == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"marketing budget of week {week}: {budget:0.###}, less than its own cost of {title.MarketingCost:0.###}")
                    : string.Create(CultureInfo.InvariantCulture, $"marketing budget of week {week}: {string.Join(", ", spenders.Select(t => t.Id))} already spend {spend:0.###} of {budget:0.###}");
                reasons.Add(new RuledOut(HardRules.MarketingBudget, sentence) { Titles = [.. spenders.Select(t => t.Id)] });
            }
        }

        return [.. reasons];
    }

    private string WindowReason(Title title, string region, LocalDate date)
    {
        if (title.Readiness.TryGetValue(region, out var ready) && date < ready)
        {
            return $"not ready in {region} before {Text(ready)}";
        }

        var window = _scenario.WindowOf(title, region);
        return window is null
            ? $"no window in {region}"
            : $"outside its window in {region} ({Text(window.Start)} to {Text(window.End)})";
    }

    // Extended rules 2 and 3: every drop fits before the rights end and the horizon end, and no later drop lands on a blackout.
    private void DropRules(Title title, string region, LocalDate date, List<RuledOut> reasons)
    {
        var last = title.LastDropDate(date);
        if (title.Drops > 1 && last > _scenario.Horizon.End)
        {
            reasons.Add(new RuledOut(HardRules.Window, $"its last drop would fall on {Text(last)}, after the horizon ends ({Text(_scenario.Horizon.End)})"));
        }
        else if (title.AvailableUntil.TryGetValue(region, out var until) && last > until)
        {
            reasons.Add(new RuledOut(HardRules.Window, title.Drops > 1
                ? $"its last drop would fall on {Text(last)}, after its rights end in {region} ({Text(until)}, availableUntil)"
                : $"its rights end in {region} on {Text(until)} (availableUntil)"));
        }

        if (title.Drops > 1 && title.LaterDropOnBlackout(date, _scenario.RegionsById[region].BlackoutDates) is { } index)
        {
            reasons.Add(new RuledOut(HardRules.ReleaseDays, $"drop {index} would fall on {Text(title.DropDate(date, index))}, a blackout date in {region}"));
        }
    }

    private void TentpoleRules(Title title, string region, LocalDate date, List<RuledOut> reasons)
    {
        var tentpoles = _tentpolesByRegion[region].Where(r => r.Title != title.Id).ToList();
        var sameDay = tentpoles.Where(r => r.Date == date).Select(r => r.Title).ToList();
        if (sameDay.Count >= _scenario.Capacity.TentpolesPerDay)
        {
            reasons.Add(new RuledOut(HardRules.DailyTentpoles, $"tentpole {string.Join(", ", sameDay)} already releases in {region} on {Text(date)} (tentpolesPerDay {_scenario.Capacity.TentpolesPerDay})") { Titles = [.. sameDay] });
        }

        var spacing = _scenario.Capacity.TentpoleSpacingDays;
        foreach (var near in tentpoles.Where(r => r.Date != date && Math.Abs(Period.DaysBetween(r.Date, date)) < spacing))
        {
            reasons.Add(new RuledOut(HardRules.TentpoleSpacing, $"tentpole spacing: tentpole {near.Title} releases in {region} on {Text(near.Date)}, less than {spacing} days away") { Titles = [near.Title] });
        }
    }

    // Rule 12: another title of one of its spacing groups releases less than the group's minDays away,
    // told once for all the regions (of a global release) where it does so on the same date.
    private void GroupRules(Title title, IEnumerable<string> regions, LocalDate date, List<RuledOut> reasons)
    {
        var near = new List<(SpacingGroup Group, string Other, LocalDate Day, string Region)>();
        foreach (var region in regions)
        {
            foreach (var group in _scenario.GroupsOf(title).Where(g => g.HoldsIn(region)))
            {
                for (var offset = 1 - group.MinDays; offset < group.MinDays; offset++)
                {
                    var day = date.PlusDays(offset);
                    near.AddRange(_byDay[(region, day)].Where(o => o != title.Id && group.Selects(_scenario.TitlesById[o])).Select(o => (group, o, day, region)));
                }
            }
        }

        foreach (var found in near.GroupBy(n => (n.Group, n.Other, n.Day)))
        {
            var (group, other, day) = found.Key;
            reasons.Add(new RuledOut(HardRules.SpacingGroup, $"spacing group '{group.Id}': {other} releases in {string.Join(", ", found.Select(f => f.Region))} on {Text(day)}, less than {group.MinDays} days away") { Titles = [other] });
        }
    }

    // Rule 13: moving the title out of a period where it counts would leave an obligation short there.
    private void ObligationRules(Title title, string region, LocalDate date, List<RuledOut> reasons)
    {
        if (!_dates.TryGetValue((title.Id, region), out var current))
        {
            return;
        }

        foreach (var obligation in _scenario.Obligations.Where(o => o.Min > 0 && o.HoldsIn(region) && o.Selects(title)))
        {
            if (obligation.PeriodsWithin(_scenario.Horizon).FirstOrDefault(p => p.Contains(current)) is { } period && !period.Contains(date)
                && Counted(obligation, region, period) is var counted && counted.Count <= obligation.Min)
            {
                reasons.Add(new RuledOut(HardRules.Obligation, $"obligation '{obligation.Id}' needs {obligation.Min} premiere{(obligation.Min == 1 ? "" : "s")} in {region} in {Obligation.Name(period)}; without {title.Id} it has {counted.Count - 1}") { Titles = [.. counted.Where(t => t != title.Id)] });
            }
        }
    }

    private List<string> Counted(Obligation obligation, string region, DateInterval period)
    {
        if (!_counted.TryGetValue((obligation, region, period.Start), out var titles))
        {
            titles = _counted[(obligation, region, period.Start)] = [.. _releases
                .Where(r => r.Region == region && period.Contains(r.Date) && obligation.Selects(_scenario.TitlesById[r.Title]))
                .Select(r => r.Title)];
        }

        return titles;
    }

    private void SequelRules(Title title, string region, LocalDate date, List<RuledOut> reasons)
    {
        foreach (var gap in title.After)
        {
            if (_dates.TryGetValue((gap.TitleId, region), out var before) && Period.DaysBetween(before, date) < _scenario.PremiereGapDays(gap))
            {
                var predecessor = _scenario.TitlesById[gap.TitleId];
                var sentence = predecessor.Drops > 1
                    ? $"sequel gap: must release at least {gap.MinGapDays} days after the last drop of {gap.TitleId} ({Text(predecessor.LastDropDate(before))}) in {region}"
                    : $"sequel gap: must release at least {gap.MinGapDays} days after {gap.TitleId} ({Text(before)}) in {region}";
                reasons.Add(new RuledOut(HardRules.SequelGap, sentence) { Titles = [gap.TitleId] });
            }
        }

        foreach (var sequel in _sequelsOf[title.Id].Distinct())
        {
            var gap = sequel.After.First(a => a.TitleId == title.Id);
            if (_dates.TryGetValue((sequel.Id, region), out var after) && Period.DaysBetween(date, after) < _scenario.PremiereGapDays(gap))
            {
                var sentence = title.Drops > 1
                    ? $"sequel gap: {sequel.Id} ({Text(after)}) must release at least {gap.MinGapDays} days after this title's last drop ({Text(title.LastDropDate(date))}) in {region}"
                    : $"sequel gap: {sequel.Id} ({Text(after)}) must release at least {gap.MinGapDays} days later in {region}";
                reasons.Add(new RuledOut(HardRules.SequelGap, sentence) { Titles = [sequel.Id] });
            }
        }
    }

    private void StaggerRule(Title title, string regionId, LocalDate date, List<RuledOut> reasons)
    {
        if (regionId != title.LeadRegion && _dates.TryGetValue((title.Id, title.LeadRegion), out var lead))
        {
            var days = Period.DaysBetween(lead, date);
            if (days < 0 || days > title.StaggerMaxDays)
            {
                reasons.Add(new RuledOut(HardRules.StaggerWindow, $"stagger window: must release within {title.StaggerMaxDays} days after the lead region {title.LeadRegion} ({Text(lead)})") { Titles = [title.Id] });
            }
        }
        else if (regionId == title.LeadRegion)
        {
            foreach (var region in title.Regions.Where(r => r != regionId && _dates.ContainsKey((title.Id, r))))
            {
                var days = Period.DaysBetween(date, _dates[(title.Id, region)]);
                if (days < 0 || days > title.StaggerMaxDays)
                {
                    reasons.Add(new RuledOut(HardRules.StaggerWindow, $"stagger window: {region} ({Text(_dates[(title.Id, region)])}) would no longer be within {title.StaggerMaxDays} days after the lead") { Titles = [title.Id] });
                }
            }
        }
    }

    private List<string> Others(string region, LocalDate date, string except)
        => [.. _byDay[(region, date)].Where(t => t != except)];

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
