using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Rules;
using Scheduler.Core.Values;

namespace Scheduler.Core.Explanations;

/// <summary>A hard rule that keeps a title off a date, and the sentence that says how.</summary>
public sealed record RuledOut(HardRule Rule, string Reason)
{
    public override string ToString() => Reason;
}

/// <summary>Another date the title could have taken in the region: its value, and what keeps it out of this plan.</summary>
public sealed record Alternative(LocalDate Date, double Value, double ValueChange, ImmutableArray<RuledOut> Reasons, string? Tradeoff)
{
    /// <summary>The reasons as sentences.</summary>
    public ImmutableArray<string> RuledOutBy => [.. Reasons.Select(r => r.Reason)];
}

/// <summary>Why a title releases on its date in a region: the value's factors and the best alternatives.</summary>
public sealed record DateExplanation(string Title, string Region, LocalDate Date, string Mode, ValueBreakdown Breakdown, ImmutableArray<Alternative> Alternatives);

/// <summary>
/// Explains a plan's choice of date for one title in one region: the value broken into its factors,
/// and the best other dates with the rules that rule each out given the rest of the plan (a full
/// day, tentpole spacing, the marketing week, a sequel gap, a pin, the stagger window) or, where no
/// rule does, the difference in the objective that made it lose.
/// </summary>
public sealed class DateExplainer
{
    private readonly ValueModel _values;
    private readonly Scenario _scenario;
    private readonly Plan _plan;
    private readonly Dictionary<(string Title, string Region), LocalDate> _dates;
    private readonly Dictionary<string, TitlePlan> _titles;

    public DateExplainer(ValueModel values, Plan plan)
    {
        _values = values ?? throw new ArgumentNullException(nameof(values));
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _scenario = values.Scenario;
        _dates = plan.Releases.ToDictionary(r => (r.Title, r.Region), r => r.Date);
        _titles = plan.Titles.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <returns>The explanation, or null when the plan does not release the title in the region.</returns>
    public DateExplanation? Explain(string titleId, string regionId, int alternatives = 5)
    {
        if (!_scenario.TitlesById.TryGetValue(titleId, out var title) || !_dates.TryGetValue((titleId, regionId), out var chosen))
        {
            return null;
        }

        var mode = _titles[titleId].Mode ?? PlanModes.Staggered;
        var regions = mode == PlanModes.Global ? title.Regions.ToList() : [regionId];
        var chosenValue = _values.Value(title, regionId, chosen);
        var options = Candidates(title, regions)
            .Where(d => d != chosen)
            .Select(d => (Date: d, Value: _values.Value(title, regionId, d)))
            .OrderByDescending(o => o.Value)
            .ThenBy(o => o.Date)
            .Take(alternatives)
            .Select(o =>
            {
                var reasons = RuledOut(title, regions, regionId, mode, o.Date);
                return new Alternative(o.Date, o.Value, o.Value - chosenValue, reasons, reasons.IsEmpty ? Tradeoff(title, regions, chosen, o.Date) : null);
            })
            .ToImmutableArray();
        return new DateExplanation(titleId, regionId, chosen, mode, _values.Explain(title, regionId, chosen), options);
    }

    /// <summary>Release days of the horizon in every region that moves with this one (the window is told as a reason).</summary>
    private IEnumerable<LocalDate> Candidates(Title title, List<string> regions)
        => _scenario.Horizon.Where(d => regions.All(r => _scenario.RegionsById[r].IsReleaseDay(d)));

    private ImmutableArray<RuledOut> RuledOut(Title title, List<string> regions, string regionId, string mode, LocalDate date)
    {
        var reasons = new List<RuledOut>();
        foreach (var region in regions)
        {
            if (_scenario.WindowOf(title, region) is not { } window || !window.Contains(date))
            {
                reasons.Add(new RuledOut(HardRules.Window, WindowReason(title, region, date)));
            }

            DropRules(title, region, date, reasons);

            if (title.Pins.TryGetValue(region, out var pin))
            {
                reasons.Add(new RuledOut(HardRules.Pin, $"pinned to {Text(pin)} in {region}"));
            }

            var others = Others(region, date, title.Id);
            if (others.Count >= _scenario.Capacity.PerDay)
            {
                reasons.Add(new RuledOut(HardRules.DailyCapacity, $"capacity full in {region} on {Text(date)}: {string.Join(", ", others)} (perDay {_scenario.Capacity.PerDay})"));
            }

            if (title.Tentpole)
            {
                TentpoleRules(title, region, date, reasons);
            }

            SequelRules(title, region, date, reasons);
        }

        if (mode == PlanModes.Staggered)
        {
            StaggerRule(title, regionId, date, reasons);
        }

        var launches = mode == PlanModes.Global || regionId == title.LeadRegion;
        if (launches && title.MarketingCost > 0 && _scenario.Capacity.MarketingBudgetPerWeek is { } budget)
        {
            var week = IsoWeek.Of(date);
            var spenders = _plan.Titles.Where(t => t.Scheduled && t.Id != title.Id && t.LaunchDate is { } l && IsoWeek.Of(l) == week && _scenario.TitlesById[t.Id].MarketingCost > 0).ToList();
            var spend = spenders.Sum(t => _scenario.TitlesById[t.Id].MarketingCost);
            if (spend + title.MarketingCost > budget + 1e-9)
            {
                reasons.Add(new RuledOut(HardRules.MarketingBudget, string.Create(CultureInfo.InvariantCulture, $"marketing budget of week {week}: {string.Join(", ", spenders.Select(t => t.Id))} already spend {spend} of {budget}")));
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
        var tentpoles = _plan.Releases.Where(r => r.Region == region && r.Title != title.Id && _scenario.TitlesById[r.Title].Tentpole).ToList();
        var sameDay = tentpoles.Where(r => r.Date == date).Select(r => r.Title).ToList();
        if (sameDay.Count >= _scenario.Capacity.TentpolesPerDay)
        {
            reasons.Add(new RuledOut(HardRules.DailyTentpoles, $"tentpole {string.Join(", ", sameDay)} already releases in {region} on {Text(date)} (tentpolesPerDay {_scenario.Capacity.TentpolesPerDay})"));
        }

        var spacing = _scenario.Capacity.TentpoleSpacingDays;
        foreach (var near in tentpoles.Where(r => r.Date != date && Math.Abs(Period.DaysBetween(r.Date, date)) < spacing))
        {
            reasons.Add(new RuledOut(HardRules.TentpoleSpacing, $"tentpole spacing: tentpole {near.Title} releases in {region} on {Text(near.Date)}, less than {spacing} days away"));
        }
    }

    private void SequelRules(Title title, string region, LocalDate date, List<RuledOut> reasons)
    {
        foreach (var gap in title.After)
        {
            if (_dates.TryGetValue((gap.TitleId, region), out var before) && Period.DaysBetween(before, date) < _scenario.PremiereGapDays(gap))
            {
                var predecessor = _scenario.TitlesById[gap.TitleId];
                reasons.Add(new RuledOut(HardRules.SequelGap, predecessor.Drops > 1
                    ? $"sequel gap: must release at least {gap.MinGapDays} days after the last drop of {gap.TitleId} ({Text(predecessor.LastDropDate(before))}) in {region}"
                    : $"sequel gap: must release at least {gap.MinGapDays} days after {gap.TitleId} ({Text(before)}) in {region}"));
            }
        }

        foreach (var sequel in _scenario.Titles.Where(t => t.After.Any(a => a.TitleId == title.Id)))
        {
            var gap = sequel.After.First(a => a.TitleId == title.Id);
            if (_dates.TryGetValue((sequel.Id, region), out var after) && Period.DaysBetween(date, after) < _scenario.PremiereGapDays(gap))
            {
                reasons.Add(new RuledOut(HardRules.SequelGap, title.Drops > 1
                    ? $"sequel gap: {sequel.Id} ({Text(after)}) must release at least {gap.MinGapDays} days after this title's last drop ({Text(title.LastDropDate(date))}) in {region}"
                    : $"sequel gap: {sequel.Id} ({Text(after)}) must release at least {gap.MinGapDays} days later in {region}"));
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
                reasons.Add(new RuledOut(HardRules.StaggerWindow, $"stagger window: must release within {title.StaggerMaxDays} days after the lead region {title.LeadRegion} ({Text(lead)})"));
            }
        }
        else if (regionId == title.LeadRegion)
        {
            foreach (var region in title.Regions.Where(r => r != regionId && _dates.ContainsKey((title.Id, r))))
            {
                var days = Period.DaysBetween(date, _dates[(title.Id, region)]);
                if (days < 0 || days > title.StaggerMaxDays)
                {
                    reasons.Add(new RuledOut(HardRules.StaggerWindow, $"stagger window: {region} ({Text(_dates[(title.Id, region)])}) would no longer be within {title.StaggerMaxDays} days after the lead"));
                }
            }
        }
    }

    /// <summary>What the objective would lose (value and genre clashes) if the title moved to the date.</summary>
    private string Tradeoff(Title title, List<string> regions, LocalDate chosen, LocalDate alternative)
    {
        var valueChange = regions.Sum(r => _values.Value(title, r, alternative) - _values.Value(title, r, chosen));
        var current = _plan.Releases.Select(r => (_scenario.TitlesById[r.Title], r.Region, r.Date)).ToList();
        var moved = current.Select(r => r.Item1.Id == title.Id && regions.Contains(r.Region) ? (r.Item1, r.Region, alternative) : r).ToList();
        var clashChange = _values.ClashCost(moved) - _values.ClashCost(current);
        if (clashChange > 1e-9)
        {
            var week = IsoWeek.Of(alternative);
            var rivals = _plan.Releases
                .Where(r => r.Title != title.Id && regions.Contains(r.Region) && IsoWeek.Of(r.Date) == week && _scenario.TitlesById[r.Title].Genres.Intersect(title.Genres).Any())
                .Select(r => r.Title).Distinct().Order(StringComparer.Ordinal);
            return string.Create(CultureInfo.InvariantCulture, $"value {valueChange:+0.###;-0.###;0}, but a genre clash with {string.Join(", ", rivals)} costs {clashChange:0.###}: {valueChange - clashChange:+0.###;-0.###;0} in all");
        }

        return string.Create(CultureInfo.InvariantCulture, $"no rule rules it out; it is worth {valueChange:+0.###;-0.###;0} to the objective");
    }

    private List<string> Others(string region, LocalDate date, string except)
        => [.. _plan.Releases.Where(r => r.Region == region && r.Date == date && r.Title != except).Select(r => r.Title)];

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
