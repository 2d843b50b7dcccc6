using System.Globalization;
using Scheduler.Core.Rules;

namespace Scheduler.Solver.Diagnosis;

// Rule 9 in aggregate: the launches that must fall in a run of ISO weeks against those weeks' budget.
public sealed partial class InfeasibilityDiagnoser
{
    /// <summary>
    /// For every run of consecutive ISO weeks of the horizon, the marketing costs of the non-optional
    /// titles whose launch span (their lead region's dates) lies inside it, against the budget of
    /// those weeks: more than that cannot launch there, whatever the dates. Told once: the whole
    /// horizon when it is over, else the run of weeks over by the most.
    /// </summary>
    private IEnumerable<RuleConflict> MarketingOverWeeks()
    {
        if (_scenario.Capacity.MarketingBudgetPerWeek is not { } budget)
        {
            yield break;
        }

        var calendar = _spans.Calendar;
        var launches = _scenario.Titles
            .Select(title => (Title: title, Span: title.Optional || title.MarketingCost <= 0 ? null : _spans.Of(title, title.LeadRegion)))
            .Where(t => t.Span is not null)
            .Select(t => (t.Title, First: calendar.Week(t.Span!.Value.First), Last: calendar.Week(t.Span.Value.Last)))
            .OrderBy(t => t.Last)
            .ToList();
        var weeks = calendar.Weeks.Count;
        (int From, int To, double Cost, double Excess)? worst = null;
        for (var from = 0; from < weeks; from++)
        {
            var cost = 0.0;
            var next = 0;
            for (var to = from; to < weeks; to++)
            {
                for (; next < launches.Count && launches[next].Last <= to; next++)
                {
                    cost += launches[next].First >= from ? launches[next].Title.MarketingCost : 0;
                }

                var weeksBudget = budget * (to - from + 1);
                var excess = cost - weeksBudget;
                var whole = from == 0 && to == weeks - 1;
                if (excess > Slack(weeksBudget) && (whole || worst is not { } w || excess > w.Excess + 1e-9 || (Math.Abs(excess - w.Excess) <= 1e-9 && to - from < w.To - w.From)))
                {
                    worst = (from, to, cost, whole ? double.PositiveInfinity : excess);
                }
            }
        }

        if (worst is not { } found)
        {
            yield break;
        }

        var inside = launches.Where(t => t.First >= found.From && t.Last <= found.To).Select(t => t.Title).OrderByDescending(t => t.MarketingCost).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        if (found.From == found.To && inside.All(t => t.Pins.ContainsKey(t.LeadRegion)))
        {
            yield break; // launches pinned to one week: told by PinnedMarketing
        }

        var count = found.To - found.From + 1;
        var span = count == 1
            ? $"in week {calendar.Weeks[found.From]}"
            : $"between weeks {calendar.Weeks[found.From]} and {calendar.Weeks[found.To]}";
        var allowed = count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"the week allows {Number(budget)}")
            : string.Create(CultureInfo.InvariantCulture, $"those {count} weeks allow {Number(budget * count)} ({Number(budget)} a week)");
        yield return new RuleConflict(
            [HardRules.MarketingBudget, HardRules.Window],
            string.Create(CultureInfo.InvariantCulture, $"{Titles(inside.Select(t => t.Id).ToList(), "title")} must launch {span} and carry {Number(found.Cost)} of marketing cost; {allowed}"));
    }

    // Sums of costs carry rounding of their own: over only by more than that (relative to the amounts), never by a rounding step.
    private static double Slack(double amount) => 1e-9 * Math.Max(1, Math.Abs(amount));

    private static string Number(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
