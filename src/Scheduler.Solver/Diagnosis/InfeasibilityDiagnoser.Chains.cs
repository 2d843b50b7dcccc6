using Scheduler.Core.Domain;
using Scheduler.Core.Rules;

namespace Scheduler.Solver.Diagnosis;

// Rule 7 along a chain: gaps that add up past a later sequel's last date.
public sealed partial class InfeasibilityDiagnoser
{
    /// <summary>
    /// Sequel chains of three or more non-optional titles (two are told by <see cref="SequelGaps"/>)
    /// whose gaps, added up from the first title's earliest date, pass a later title's last date in
    /// a region where they all release.
    /// </summary>
    private IEnumerable<RuleConflict> SequelChains()
    {
        foreach (var region in _scenario.Regions)
        {
            var earliest = new Dictionary<string, (int Day, string? From)>(StringComparer.Ordinal);
            foreach (var title in _scenario.Titles.Where(t => !t.Optional && t.After.Length > 0 && t.IsReleasedIn(region.Id)))
            {
                if (Earliest(title, region.Id, earliest) is not { } found || _spans.Of(title, region.Id) is not { } span
                    || found.Day <= span.Last || Chain(title.Id, earliest) is not { Count: >= 3 } chain)
                {
                    continue;
                }

                var first = _scenario.TitlesById[chain[0]];
                var start = _spans.Of(first, region.Id)!.Value.First;
                yield return new RuleConflict(
                    [HardRules.SequelGap, HardRules.Window],
                    $"the sequel chain {List(chain)} cannot fit in region {region.Id}: {chain[0]} cannot release before {Text(_spans.Calendar.Date(start))}, so with the gaps after each title {title.Id} cannot release before {Text(_spans.Calendar.Date(found.Day))}, but it must release by {Text(_spans.Calendar.Date(span.Last))}");
            }
        }
    }

    // The earliest day the title can premiere in the region, its own span's first day pushed by its predecessors' gaps; null without a span.
    private (int Day, string? From)? Earliest(Title title, string region, Dictionary<string, (int Day, string? From)> earliest)
    {
        if (earliest.TryGetValue(title.Id, out var known))
        {
            return known.Day < 0 ? null : known;
        }

        earliest[title.Id] = (-1, null); // a cycle (refused by validation) ends here
        if (_spans.Of(title, region) is not { } span)
        {
            return null;
        }

        (int Day, string? From) result = (span.First, null);
        foreach (var gap in title.After)
        {
            var predecessor = _scenario.TitlesById[gap.TitleId];
            if (!predecessor.Optional && predecessor.IsReleasedIn(region) && Earliest(predecessor, region, earliest) is { } before
                && before.Day + _scenario.PremiereGapDays(gap) > result.Day)
            {
                result = (before.Day + _scenario.PremiereGapDays(gap), predecessor.Id);
            }
        }

        earliest[title.Id] = result;
        return result;
    }

    // The titles whose gaps push this one, first to last.
    private static List<string> Chain(string last, Dictionary<string, (int Day, string? From)> earliest)
    {
        var chain = new List<string> { last };
        for (var from = earliest[last].From; from is not null; from = earliest[from].From)
        {
            chain.Insert(0, from);
        }

        return chain;
    }
}
