using NodaTime;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Plans;

// The plan file's own rows (docs/plan-format.md, "The plan file"): releases sorted and of known
// titles and regions, one per (title, region); a row in titles for every title of the scenario.
public sealed partial class PlanVerifier
{
    private Dictionary<string, Dictionary<string, LocalDate>> IndexReleases(Plan plan, ViolationList violations)
    {
        var result = new Dictionary<string, Dictionary<string, LocalDate>>(StringComparer.Ordinal);
        ReleasePlan? previous = null;
        foreach (var release in plan.Releases)
        {
            if (previous is not null && !InContractOrder(previous, release))
            {
                violations.Misreport($"releases are not sorted by date, region, title: {Describe(previous)} comes before {Describe(release)}", [previous.Title, release.Title]);
            }

            previous = release;
            if (!_scenario.TitlesById.ContainsKey(release.Title))
            {
                violations.Misreport($"release of unknown title '{release.Title}'", [release.Title]);
                continue;
            }

            if (!_scenario.RegionsById.ContainsKey(release.Region))
            {
                violations.Misreport($"release of '{release.Title}' in unknown region '{release.Region}'", [release.Title], [release.Region]);
                continue;
            }

            var dates = result.TryGetValue(release.Title, out var existing) ? existing : result[release.Title] = new(StringComparer.Ordinal);
            if (!dates.TryAdd(release.Region, release.Date))
            {
                violations.Break(HardRules.OncePerRegion, $"title '{release.Title}' is released twice in region '{release.Region}'", [release.Title], [release.Region]);
            }
        }

        return result;
    }

    private Dictionary<string, TitlePlan> IndexTitles(Plan plan, ViolationList violations)
    {
        var result = new Dictionary<string, TitlePlan>(StringComparer.Ordinal);
        foreach (var row in plan.Titles)
        {
            if (!_scenario.TitlesById.ContainsKey(row.Id))
            {
                violations.Misreport($"titles lists unknown title '{row.Id}'", [row.Id]);
            }
            else if (!result.TryAdd(row.Id, row))
            {
                violations.Misreport($"titles lists '{row.Id}' twice", [row.Id]);
            }
        }

        if (!plan.Titles.Select(t => t.Id).SequenceEqual(plan.Titles.Select(t => t.Id).Order(StringComparer.Ordinal)))
        {
            violations.Misreport("titles are not sorted by id");
        }

        foreach (var missing in _scenario.Titles.Where(t => !result.ContainsKey(t.Id)))
        {
            violations.Misreport($"titles has no row for title '{missing.Id}'", [missing.Id]);
        }

        return result;
    }

    // Releases sorted by date, then region id, then title id (ordinal).
    private static bool InContractOrder(ReleasePlan first, ReleasePlan second)
    {
        if (first.Date != second.Date)
        {
            return first.Date < second.Date;
        }

        var region = string.CompareOrdinal(first.Region, second.Region);
        return region != 0 ? region < 0 : string.CompareOrdinal(first.Title, second.Title) <= 0;
    }

    // Only a partial plan lists titles left out, each once, each a title of the scenario that is not optional.
    private HashSet<string> LeftOutTitles(Plan plan, ViolationList violations)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var partial = plan.Solver.Status == PlanStatuses.Partial;
        foreach (var entry in plan.LeftOut)
        {
            if (!partial)
            {
                violations.Misreport($"leftOut: '{entry.Title}' is listed as left out, but only a partial plan leaves titles out (status {plan.Solver.Status})", [entry.Title]);
            }
            else if (!_scenario.TitlesById.TryGetValue(entry.Title, out var title))
            {
                violations.Misreport($"leftOut lists unknown title '{entry.Title}'", [entry.Title]);
            }
            else if (title.Optional)
            {
                violations.Misreport($"leftOut lists '{entry.Title}', which is optional and needs no reason to be left out", [entry.Title]);
            }
            else if (!result.Add(entry.Title))
            {
                violations.Misreport($"leftOut lists '{entry.Title}' twice", [entry.Title]);
            }
        }

        if (partial && result.Count == 0)
        {
            violations.Misreport("the plan is partial but lists no title left out");
        }

        if (partial && (plan.Solver.Bound is not null || plan.Solver.Gap is not null))
        {
            violations.Misreport("the plan is partial but claims a bound: a bound of a partial plan proves nothing of the whole slate");
        }

        return partial ? result : [];
    }
}
