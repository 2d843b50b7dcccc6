using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Plans;

// The rules of docs/scenario-format.md on holdbacks (11), spacing groups (12) and obligations (13), each
// read from the scenario's own fields, not from the windows the planner derives.
public sealed partial class PlanVerifier
{
    // Rule 11: in each region a holdback names (all the title's when it names none), no premiere before its date plus its days.
    private static void CheckHoldbacks(Title title, Dictionary<string, LocalDate> dates, ViolationList violations)
    {
        foreach (var holdback in title.Holdbacks)
        {
            foreach (var (regionId, date) in dates.Where(d => title.IsReleasedIn(d.Key) && holdback.HoldsIn(d.Key)).OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                if (date < holdback.Date.PlusDays(holdback.Days))
                {
                    violations.Break(
                        HardRules.Holdback,
                        $"title '{title.Id}' premieres in '{regionId}' on {Text(date)}, before its holdback by '{holdback.Name}' ({Text(holdback.Date)}) + {holdback.Days} days ends on {Text(holdback.Date.PlusDays(holdback.Days))}",
                        [title.Id],
                        [regionId],
                        [date]);
                }
            }
        }
    }

    // Rule 12: in each region of a spacing group, two of its titles released there premiere at least minDays apart.
    private void CheckSpacingGroups(Plan plan, ViolationList violations)
    {
        foreach (var group in _scenario.SpacingGroups)
        {
            var releases = plan.Releases
                .Where(r => Known(r) && group.HoldsIn(r.Region) && group.Selects(_scenario.TitlesById[r.Title]))
                .GroupBy(r => r.Region)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var region in releases)
            {
                var ordered = region.OrderBy(r => r.Date).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    var (first, second) = (ordered[i - 1], ordered[i]);
                    var days = Period.DaysBetween(first.Date, second.Date);
                    if (days < group.MinDays && first.Title != second.Title)
                    {
                        violations.Break(
                            HardRules.SpacingGroup,
                            $"'{first.Title}' ({Text(first.Date)}) and '{second.Title}' ({Text(second.Date)}) of spacing group '{group.Id}' are {days} days apart in '{region.Key}', less than {group.MinDays}",
                            [first.Title, second.Title],
                            [region.Key],
                            [first.Date, second.Date]);
                    }
                }
            }
        }
    }

    // Rule 13: in each region of an obligation, each month or quarter wholly inside the horizon holds at least min matching premieres.
    private void CheckObligations(Plan plan, ViolationList violations)
    {
        foreach (var obligation in _scenario.Obligations.Where(o => o.Min > 0))
        {
            var premieres = plan.Releases
                .Where(r => Known(r) && obligation.HoldsIn(r.Region) && obligation.Selects(_scenario.TitlesById[r.Title]))
                .ToLookup(r => r.Region, StringComparer.Ordinal);
            foreach (var region in _scenario.Regions.Where(r => obligation.HoldsIn(r.Id)))
            {
                foreach (var period in obligation.PeriodsWithin(_scenario.Horizon))
                {
                    var counted = premieres[region.Id].Where(r => period.Contains(r.Date)).Select(r => r.Title).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    if (counted.Count < obligation.Min)
                    {
                        violations.Break(
                            HardRules.Obligation,
                            $"obligation '{obligation.Id}' needs {obligation.Min} premiere{(obligation.Min == 1 ? "" : "s")} in '{region.Id}' in {Obligation.Name(period)}, the plan has {counted.Count}{(counted.Count == 0 ? "" : $" ({string.Join(", ", counted)})")}",
                            counted,
                            [region.Id],
                            [period.Start]);
                    }
                }
            }
        }
    }
}
