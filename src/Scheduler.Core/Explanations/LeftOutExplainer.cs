using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Explanations;

/// <summary>
/// Why a best-effort plan left a title out, and what would have to give for it to fit
/// (docs/explanations.md, "Best effort"). Every date the title could take on its own (its window,
/// release days, blackouts, mode and pins) is checked against the rest of the plan with the words
/// of <c>explain</c> (<see cref="RuleCheck"/>); the answer names the rule that closes the most of
/// those dates, and the date nearest to fitting with everything that stands in its way there.
/// </summary>
public sealed class LeftOutExplainer
{
    /// <summary>The code of a title that nothing in the plan keeps out (the search, within its time, did).</summary>
    public const string NoRule = "none";

    // Rules of the title alone: a date they close is not one the title could take in any plan.
    private static readonly ImmutableHashSet<RuleFamily> OwnRules =
        [RuleFamily.Window, RuleFamily.ReleaseDays, RuleFamily.Mode, RuleFamily.Pin];

    private readonly Scenario _scenario;
    private readonly RuleCheck _check;

    // One title's staggered dates by region, each checked once: lead dates share their stagger windows.
    private readonly Dictionary<(string Region, LocalDate Date), ImmutableArray<RuledOut>?> _regionDates = [];

    // One title's dates by region that its own rules allow (window, rights, release days, blackouts, pins):
    // only those are checked against the plan, which is where the time goes on large plans.
    private readonly Dictionary<string, HashSet<LocalDate>> _ownDates = new(StringComparer.Ordinal);

    /// <param name="scenario">The scenario the plan was made for.</param>
    /// <param name="plan">The plan that leaves titles out.</param>
    public LeftOutExplainer(Scenario scenario, Plan plan)
    {
        _scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        _check = new RuleCheck(scenario, plan ?? throw new ArgumentNullException(nameof(plan)));
    }

    /// <summary>Why <paramref name="title"/>, which the plan does not release, is out of it.</summary>
    public LeftOutTitle Explain(Title title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var priority = title.Priority.ToString().ToLowerInvariant();
        _regionDates.Clear();
        _ownDates.Clear();
        var options = new List<(LocalDate Date, ImmutableArray<RuledOut> Reasons)>();
        for (var date = _scenario.Horizon.Start; date <= _scenario.Horizon.End; date = date.PlusDays(1))
        {
            if (Reasons(title, date) is { } reasons)
            {
                options.Add((date, reasons));
            }
        }

        if (options.Count == 0)
        {
            return new LeftOutTitle(title.Id, priority, HardRules.Window.ShortName, "no date keeps its window, rights, release days, blackouts and pins together");
        }

        var nearest = options.MinBy(o => (o.Reasons.Length, o.Reasons.Sum(r => r.Titles.Length)));
        if (nearest.Reasons.IsEmpty)
        {
            return new LeftOutTitle(title.Id, priority, NoRule, $"no rule of this plan keeps it off {Text(nearest.Date)}; the search left it out within its time limit");
        }

        var closing = options
            .SelectMany(o => o.Reasons.Select(r => r.Rule).Distinct())
            .GroupBy(r => r)
            .Select(g => (Rule: g.Key, Dates: g.Count()))
            .OrderByDescending(g => g.Dates)
            .ThenBy(g => g.Rule.Number)
            .ToList();
        var main = closing[0];
        var also = closing.Skip(1).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Rule.ShortName} {c.Dates}")).ToList();
        var others = also.Count > 0 ? $" (and: {string.Join(", ", also)})" : "";
        var where = string.Join("; ", nearest.Reasons.Select(r => Sentence(title, r)));
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{main.Rule.Name} keeps it off {main.Dates} of its {options.Count} possible dates ({Text(options[0].Date)} to {Text(options[^1].Date)}){others}; nearest to fitting, {Text(nearest.Date)}: {where}");
        return new LeftOutTitle(title.Id, priority, main.Rule.ShortName, reason);
    }

    /// <summary>What stands in the way on <paramref name="date"/> in the mode that fits best; null when the title cannot take the date in any plan.</summary>
    private ImmutableArray<RuledOut>? Reasons(Title title, LocalDate date)
    {
        ImmutableArray<RuledOut>? best = null;
        if (title.Release != ReleaseMode.Staggered && title.Regions.All(r => Allows(title, r, date)) && Possible(_check.Check(title, title.Regions, title.LeadRegion, PlanModes.Global, date)) is { } global)
        {
            best = global;
        }

        if (title.Release != ReleaseMode.Global
            && Allows(title, title.LeadRegion, date)
            && Possible(_check.Check(title, [title.LeadRegion], title.LeadRegion, PlanModes.Staggered, date)) is { } lead
            && (lead.IsEmpty ? OtherRegions(title, date) : lead) is { } staggered)
        {
            best = best is { } b && b.Length <= staggered.Length ? b : staggered;
        }

        return best;
    }

    /// <summary>
    /// For a staggered release led on <paramref name="lead"/>: in each other region with no free date
    /// inside the stagger window, what keeps its nearest-to-free date; null when a region's own rules
    /// allow no date there at all (then the lead date is not one the title could take).
    /// </summary>
    private ImmutableArray<RuledOut>? OtherRegions(Title title, LocalDate lead)
    {
        var reasons = new List<RuledOut>();
        foreach (var region in title.Regions.Where(r => r != title.LeadRegion))
        {
            ImmutableArray<RuledOut>? nearest = null;
            for (var day = 0; day <= title.StaggerMaxDays && nearest is not { IsEmpty: true }; day++)
            {
                if (RegionDate(title, region, lead.PlusDays(day)) is { } found
                    && (nearest is null || found.Length < nearest.Value.Length))
                {
                    nearest = found;
                }
            }

            if (nearest is null)
            {
                return null;
            }

            reasons.AddRange(nearest.Value);
        }

        return [.. reasons];
    }

    private bool Allows(Title title, string region, LocalDate date)
    {
        if (!_ownDates.TryGetValue(region, out var dates))
        {
            dates = _ownDates[region] = [.. _scenario.ReleaseDatesOf(title, region).Where(d => !title.Pins.TryGetValue(region, out var pin) || pin == d)];
        }

        return dates.Contains(date);
    }

    private ImmutableArray<RuledOut>? RegionDate(Title title, string region, LocalDate date)
    {
        if (!Allows(title, region, date))
        {
            return null;
        }

        if (!_regionDates.TryGetValue((region, date), out var reasons))
        {
            reasons = _regionDates[(region, date)] = Possible(_check.Check(title, [region], region, PlanModes.Staggered, date));
        }

        return reasons;
    }

    private static ImmutableArray<RuledOut>? Possible(ImmutableArray<RuledOut> reasons)
        => reasons.Any(r => OwnRules.Contains(r.Rule.Family)) ? null : reasons;

    // A budget week says by how much it is over, which the plan's own explanation leaves to the reader.
    private string Sentence(Title title, RuledOut reason)
    {
        if (reason.Rule.Family != RuleFamily.MarketingBudget || reason.Titles.IsEmpty || _scenario.Capacity.MarketingBudgetPerWeek is not { } budget)
        {
            return reason.Reason;
        }

        var spend = reason.Titles.Sum(id => _scenario.TitlesById[id].MarketingCost);
        return string.Create(CultureInfo.InvariantCulture, $"{reason.Reason}; it costs {title.MarketingCost}, {spend + title.MarketingCost - budget:0.###} over");
    }

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
