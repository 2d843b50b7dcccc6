using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Plans;

// The rules of docs/scenario-format.md, "Decisions": holdbacks (11) and spacing groups (12), each
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
}
