using System.Collections.Immutable;
using System.Globalization;
using Scheduler.Core.Domain;
using Scheduler.Core.Rules;

namespace Scheduler.Solver.Diagnosis;

// Rule 13 against rules 2, 3, 8 and 11: an obligation asks for more premieres in a period than its
// matching titles can give there, told with the titles that could count and what holds the others back.
public sealed partial class InfeasibilityDiagnoser
{
    private readonly Dictionary<(Title Title, string Region), HashSet<int>> _premiereMonths = [];

    private IEnumerable<RuleConflict> ObligationsOutOfReach()
    {
        foreach (var obligation in _scenario.Obligations.Where(o => o.Min > 0))
        {
            var matching = _scenario.Titles.Where(obligation.Selects).ToList();
            foreach (var region in _scenario.Regions.Where(r => obligation.HoldsIn(r.Id)))
            {
                var inRegion = matching.Where(t => t.IsReleasedIn(region.Id)).ToList();
                var periods = obligation.PeriodsWithin(_scenario.Horizon).ToList();
                var anyShort = false;
                foreach (var period in periods)
                {
                    _cancellation.ThrowIfCancellationRequested();
                    // A title with formats counts once, when it can premiere then in any of them.
                    var able = inRegion.Where(t => CanPremiere(t, region.Id, period)).Select(t => _formats.ParentOf(t.Id)).Distinct().Order(StringComparer.Ordinal).ToList();
                    if (able.Count >= obligation.Min)
                    {
                        continue;
                    }

                    var heldBack = inRegion
                        .Where(t => !able.Contains(_formats.ParentOf(t.Id)))
                        .DistinctBy(t => _formats.ParentOf(t.Id))
                        .Select(t => (Id: _formats.ParentOf(t.Id), Holdback: t.BindingHoldback(region.Id)))
                        .Where(t => t.Holdback is { } h && h.Until > period.End)
                        .Select(t => $"{t.Id} is held back by {t.Holdback!.Name} until {Text(t.Holdback.Until)}")
                        .ToList();
                    anyShort = true;
                    var who = able.Count == 0 ? "no matching title can release there then" : $"only {List(able)} can release there then";
                    var rules = heldBack.Count > 0 ? ImmutableArray.Create(HardRules.Obligation, HardRules.Window, HardRules.Holdback) : [HardRules.Obligation, HardRules.Window];
                    yield return new RuleConflict(
                        rules,
                        string.Create(CultureInfo.InvariantCulture, $"the '{obligation.Id}' obligation needs {obligation.Min} premiere{(obligation.Min == 1 ? "" : "s")} in {region.Id} in {Obligation.Name(period)}; {who}{(heldBack.Count > 0 ? $", and {List(heldBack)}" : "")}"));
                }

                // Each title premieres once in a region, so all the periods together need as many titles as their minimums add up to.
                var anywhere = inRegion.Where(t => periods.Any(p => CanPremiere(t, region.Id, p))).Select(t => _formats.ParentOf(t.Id)).Distinct().Order(StringComparer.Ordinal).ToList();
                if (!anyShort && periods.Count > 1 && obligation.Min * periods.Count > anywhere.Count)
                {
                    yield return new RuleConflict(
                        [HardRules.Obligation, HardRules.OncePerRegion],
                        string.Create(CultureInfo.InvariantCulture, $"the '{obligation.Id}' obligation needs {obligation.Min} premiere{(obligation.Min == 1 ? "" : "s")} in {region.Id} in each of {periods.Count} {(obligation.Per == ObligationPeriod.Month ? "months" : "quarters")} ({obligation.Min * periods.Count} in all), but only {Titles(anywhere, "matching title")} can premiere there then"));
                }
            }
        }
    }

    // Rules 2, 3, 8 and 11 (with the drops' limits): some date of the period (whole months) is one the title may premiere on in the region.
    private bool CanPremiere(Title title, string region, NodaTime.DateInterval period)
        => title.Pins.TryGetValue(region, out var pin)
            ? period.Contains(pin)
            : PremiereMonths(title, region).Any(m => m >= MonthOf(period.Start) && m <= MonthOf(period.End));

    private static int MonthOf(NodaTime.LocalDate date) => (date.Year * 12) + date.Month - 1;

    // The months (year * 12 + month - 1) in which the title has a premiere date in the region, found once per title and region.
    private HashSet<int> PremiereMonths(Title title, string region)
    {
        if (!_premiereMonths.TryGetValue((title, region), out var months))
        {
            months = _premiereMonths[(title, region)] = [.. _scenario.ReleaseDatesOf(title, region).Select(MonthOf)];
        }

        return months;
    }
}
