using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Rules;
using Scheduler.Core.Values;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Diagnosis;

/// <summary>
/// Proves a scenario infeasible by conflicts between hard rules, and names them in business terms:
/// titles pinned beyond a day's capacity, a sequel gap (or a chain of them) that cannot fit the
/// windows, pinned launches over a week's marketing budget, a stagger window shorter than a
/// region's readiness, and, in aggregate, more launches than a run of weeks' budget carries and more
/// titles or tentpoles than a stretch of a region's days holds (docs/explanations.md, "Why a
/// scenario cannot be planned"). Each check is a necessary condition of the rules as written, so the conflicts it names
/// are certain; all of them together take seconds on a 190-region slate, and run before any search.
/// </summary>
public sealed partial class InfeasibilityDiagnoser
{
    private readonly Scenario _scenario;
    private readonly FormatExpansion _formats;
    private readonly AllowedSpans _spans;
    private CancellationToken _cancellation;

    /// <param name="scenario">
    /// The scenario as written. A title with formats is checked as one optional title per format
    /// (<see cref="FormatExpansion"/>): what it must do in some format is not what it must do in
    /// each, so the checks that need a title to release pass over it, and what they prove holds
    /// whichever format the plan chooses.
    /// </param>
    public InfeasibilityDiagnoser(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _formats = FormatExpansion.Of(scenario);
        _scenario = _formats.Expanded;
        _spans = new AllowedSpans(_scenario);
    }

    /// <summary>Every conflict the checks prove; none when they prove nothing (which does not prove that a plan exists).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<RuleConflict> Diagnose(CancellationToken cancellationToken = default)
    {
        _cancellation = cancellationToken;
        IEnumerable<RuleConflict> conflicts = [.. PinSqueezes(), .. SequelGaps(), .. SequelChains(), .. PinnedMarketing(), .. MarketingOverWeeks(), .. StaggerWindows(), .. CapacityOverDays(), .. TentpolesOverDays(), .. GroupsOverDays(), .. ObligationsOutOfReach()];
        return [.. conflicts.Select(c => c with { Message = _formats.Rename(c.Message) })];
    }

    // Rule 5 against rule 8: more titles pinned to one date in one region than the day holds.
    private IEnumerable<RuleConflict> PinSqueezes()
    {
        var capacity = _scenario.Capacity;
        var pinned = _scenario.Titles.Where(t => !t.Optional)
            .SelectMany(t => t.Pins.Select(p => (Title: t, Region: p.Key, Date: p.Value)))
            .GroupBy(p => (p.Region, p.Date))
            .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Region, StringComparer.Ordinal);
        foreach (var group in pinned)
        {
            var titles = group.Select(p => p.Title.Id).Order(StringComparer.Ordinal).ToList();
            if (titles.Count > capacity.PerDay)
            {
                yield return new RuleConflict([HardRules.DailyCapacity, HardRules.Pin], $"titles {List(titles)} are all pinned to {Text(group.Key.Date)} in region {group.Key.Region}, where perDay is {capacity.PerDay}");
            }

            var tentpoles = group.Where(p => p.Title.Tentpole).Select(p => p.Title.Id).Order(StringComparer.Ordinal).ToList();
            if (tentpoles.Count > capacity.TentpolesPerDay)
            {
                yield return new RuleConflict([HardRules.DailyTentpoles, HardRules.Pin], $"tentpoles {List(tentpoles)} are all pinned to {Text(group.Key.Date)} in region {group.Key.Region}, where tentpolesPerDay is {capacity.TentpolesPerDay}");
            }
        }
    }

    // Rule 7 against rule 2: the predecessor's first possible date plus the gap falls after the sequel's last.
    private IEnumerable<RuleConflict> SequelGaps()
    {
        foreach (var sequel in _scenario.Titles.Where(t => !t.Optional))
        {
            foreach (var gap in sequel.After)
            {
                var predecessor = _scenario.TitlesById[gap.TitleId];
                if (predecessor.Optional)
                {
                    continue;
                }

                foreach (var region in sequel.Regions.Where(predecessor.IsReleasedIn))
                {
                    if (_spans.Of(predecessor, region) is { } before && _spans.Of(sequel, region) is { } after
                        && _spans.Calendar.Date(before.First).PlusDays(_scenario.PremiereGapDays(gap)) > _spans.Calendar.Date(after.Last))
                    {
                        var (first, last) = (_spans.Calendar.Date(before.First), _spans.Calendar.Date(after.Last));
                        yield return new RuleConflict(WithHoldback([HardRules.SequelGap, HardRules.Window], predecessor, region), $"sequel {sequel.Id} must release at least {gap.MinGapDays} days after {SequelWording.GapFrom(predecessor)}, but {predecessor.Id} cannot release before {Text(first)}{HeldBack(predecessor, region)} and {sequel.Id} must release by {Text(last)} (region {region})");
                        break;
                    }
                }
            }
        }
    }

    // Rule 9 against rule 8: the pinned launches of one ISO week spend more than its budget.
    private IEnumerable<RuleConflict> PinnedMarketing()
    {
        if (_scenario.Capacity.MarketingBudgetPerWeek is not { } budget)
        {
            yield break;
        }

        var launches = _scenario.Titles
            .Where(t => !t.Optional && t.MarketingCost > 0 && t.Pins.TryGetValue(t.LeadRegion, out _))
            .GroupBy(t => IsoWeek.Of(t.Pins[t.LeadRegion]))
            .OrderBy(g => g.Key);
        foreach (var week in launches)
        {
            var spend = week.Sum(t => t.MarketingCost);
            if (spend > budget + Slack(budget))
            {
                var titles = week.Select(t => t.Id).Order(StringComparer.Ordinal).ToList();
                yield return new RuleConflict([HardRules.MarketingBudget, HardRules.Pin], string.Create(CultureInfo.InvariantCulture, $"{(titles.Count == 1 ? "title" : "titles")} {List(titles)} {(titles.Count == 1 ? "is" : "are")} pinned to launch in week {week.Key}, spending {spend} of a marketing budget of {budget}"));
            }
        }
    }

    // Rule 4 against rule 2: a region cannot be ready within the stagger window after the lead's last possible date.
    private IEnumerable<RuleConflict> StaggerWindows()
    {
        foreach (var title in _scenario.Titles.Where(t => !t.Optional && t.Release == ReleaseMode.Staggered))
        {
            if (_spans.Of(title, title.LeadRegion) is not { } lead)
            {
                continue;
            }

            var leadLast = _spans.Calendar.Date(lead.Last);
            foreach (var region in title.Regions.Where(r => r != title.LeadRegion))
            {
                if (_spans.Of(title, region) is { } span && _spans.Calendar.Date(span.First) is var first && first > leadLast.PlusDays(title.StaggerMaxDays))
                {
                    yield return new RuleConflict(WithHoldback([HardRules.StaggerWindow, HardRules.Window], title, region), $"title {title.Id} is staggered within {title.StaggerMaxDays} days after its lead region {title.LeadRegion}, which must release by {Text(leadLast)}, but region {region} cannot release before {Text(first)}{HeldBack(title, region)}");
                }
            }
        }
    }

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);

    // Rule 11 in business terms, when a holdback (not the window) sets the title's first date in the region.
    private string HeldBack(Title title, string region)
        => _spans.HoldbackSetsStart(title, region) is { } holdback ? $" (held back by {holdback.Name} until {Text(holdback.Until)})" : "";

    private ImmutableArray<HardRule> WithHoldback(ImmutableArray<HardRule> rules, Title title, string region)
        => _spans.HoldbackSetsStart(title, region) is null ? rules : rules.Add(HardRules.Holdback);

    private static string List(List<string> items)
        => items.Count <= 2 ? string.Join(" and ", items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    // Up to this many titles are named in one sentence; the rest are counted.
    private const int TitlesNamed = 8;

    /// <summary>"3 titles (a, b and c)"; past <see cref="TitlesNamed"/>, "420 titles (a, b, ... and 412 more)".</summary>
    private static string Titles(List<string> ids, string noun)
        => $"{ids.Count} {noun}{(ids.Count == 1 ? "" : "s")} ({(ids.Count <= TitlesNamed ? List(ids) : $"{string.Join(", ", ids.Take(TitlesNamed))} and {ids.Count - TitlesNamed} more")})";
}
