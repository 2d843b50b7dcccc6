using System.Globalization;

namespace Scheduler.Core.Plans;

// The reported numbers: values by the value model, sums, clash cost, counts and the objective.
public sealed partial class PlanVerifier
{
    private void CheckNumbers(Plan plan, ViolationList violations)
    {
        foreach (var release in plan.Releases.Where(Known))
        {
            var expected = _values.Value(_scenario.TitlesById[release.Title], release.Region, release.Date);
            Compare($"value of {Describe(release)}", release.Value, expected, violations);
        }

        // Summed by title in one pass: a slate of thousands of titles has hundreds of thousands of releases.
        var byTitle = plan.Releases.GroupBy(r => r.Title, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal);
        foreach (var row in plan.Titles)
        {
            Compare($"value of title '{row.Id}'", row.Value, byTitle.GetValueOrDefault(row.Id), violations);
        }

        var known = plan.Releases.Where(Known).ToList();
        var clash = _values.ClashCost(known.Select(r => (_scenario.TitlesById[r.Title], r.Region, r.Date)));
        var kpis = plan.Kpis;
        Compare("kpis.value", kpis.Value, plan.Releases.Sum(r => r.Value), violations);
        Compare("kpis.clashCost", kpis.ClashCost, clash, violations);
        Compare("kpis.objective", kpis.Objective, kpis.Value - kpis.ClashCost - kpis.MoveCost, violations);
        if (kpis.MoveCost < 0)
        {
            violations.Misreport("kpis.moveCost is negative");
        }

        Compare("solver.objective", plan.Solver.Objective, kpis.Objective, violations);
        if (kpis.Releases != plan.Releases.Length)
        {
            violations.Misreport($"kpis.releases is {kpis.Releases}, but the plan has {plan.Releases.Length} releases");
        }

        var scheduled = plan.Titles.Count(t => t.Scheduled);
        if (kpis.TitlesScheduled != scheduled || kpis.TitlesUnscheduled != plan.Titles.Length - scheduled)
        {
            violations.Misreport($"kpis count {kpis.TitlesScheduled} scheduled and {kpis.TitlesUnscheduled} unscheduled titles, but the plan has {scheduled} and {plan.Titles.Length - scheduled}");
        }

        if (plan.Solver.Bound is { } bound && plan.Solver.Gap is { } gap)
        {
            Compare("solver.gap", gap, (bound - plan.Solver.Objective) / Math.Max(1, Math.Abs(plan.Solver.Objective)), violations);
        }
    }

    private static void Compare(string what, double reported, double expected, ViolationList violations)
    {
        if (!(Math.Abs(reported - expected) <= Tolerance * Math.Max(1, Math.Abs(expected))))
        {
            violations.Misreport(string.Create(CultureInfo.InvariantCulture, $"{what} is reported as {reported}, but is {expected}"));
        }
    }
}
