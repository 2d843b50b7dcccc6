using System.Globalization;
using NodaTime;
using Scheduler.Core.Rules;
using Scheduler.Core.Values;

namespace Scheduler.Core.Plans;

// The rules across titles, counted on premieres: daily capacity (5), tentpole spacing (6) and the
// weekly marketing budget (9).
public sealed partial class PlanVerifier
{
    // Rule 5: per region and date, at most perDay releases and tentpolesPerDay tentpoles.
    private void CheckCapacity(Plan plan, ViolationList violations)
    {
        foreach (var group in plan.Releases.Where(Known).GroupBy(r => (r.Region, r.Date)).OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Region, StringComparer.Ordinal))
        {
            var (region, date) = group.Key;
            var titles = group.Select(r => r.Title).ToList();
            if (titles.Count > _scenario.Capacity.PerDay)
            {
                violations.Break(HardRules.DailyCapacity, $"{titles.Count} releases in '{region}' on {Text(date)} ({string.Join(", ", titles)}), where perDay is {_scenario.Capacity.PerDay}", titles, [region], [date]);
            }

            var tentpoles = titles.Where(t => _scenario.TitlesById[t].Tentpole).ToList();
            if (tentpoles.Count > _scenario.Capacity.TentpolesPerDay)
            {
                violations.Break(HardRules.DailyTentpoles, $"{tentpoles.Count} tentpoles in '{region}' on {Text(date)} ({string.Join(", ", tentpoles)}), where tentpolesPerDay is {_scenario.Capacity.TentpolesPerDay}", tentpoles, [region], [date]);
            }
        }
    }

    // Rule 6: tentpoles in one region at least tentpoleSpacingDays apart.
    private void CheckTentpoleSpacing(Plan plan, ViolationList violations)
    {
        var spacing = _scenario.Capacity.TentpoleSpacingDays;
        if (spacing == 0)
        {
            return;
        }

        foreach (var region in plan.Releases.Where(r => Known(r) && _scenario.TitlesById[r.Title].Tentpole).GroupBy(r => r.Region))
        {
            var ordered = region.OrderBy(r => r.Date).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (first, second) = (ordered[i - 1], ordered[i]);
                var days = Period.DaysBetween(first.Date, second.Date);
                if (days < spacing)
                {
                    violations.Break(
                        HardRules.TentpoleSpacing,
                        $"tentpoles '{first.Title}' ({Text(first.Date)}) and '{second.Title}' ({Text(second.Date)}) are {days} days apart in '{region.Key}', less than {spacing}",
                        [first.Title, second.Title],
                        [region.Key],
                        [first.Date, second.Date]);
                }
            }
        }
    }

    // Rule 9: the marketing spend of the titles launching in one ISO week stays within the budget.
    private void CheckMarketing(Plan plan, Dictionary<string, TitlePlan> rows, ViolationList violations)
    {
        if (_scenario.Capacity.MarketingBudgetPerWeek is not { } budget)
        {
            return;
        }

        var weeks = rows.Values
            .Where(r => r.Scheduled && r.LaunchDate is not null && _scenario.TitlesById[r.Id].MarketingCost > 0)
            .GroupBy(r => IsoWeek.Of(r.LaunchDate!.Value))
            .OrderBy(g => g.Key);
        foreach (var week in weeks)
        {
            var spend = week.Sum(r => _scenario.TitlesById[r.Id].MarketingCost);
            if (spend > budget + (Tolerance * Math.Max(1, budget)))
            {
                var titles = week.Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
                violations.Break(
                    HardRules.MarketingBudget,
                    string.Create(CultureInfo.InvariantCulture, $"marketing spend {spend} in week {week.Key} ({string.Join(", ", titles)}) exceeds the budget {budget}"),
                    titles,
                    dates: week.Select(r => r.LaunchDate!.Value).Distinct().Order());
            }
        }
    }
}
