using Scheduler.Core.Plans;

namespace Scheduler.Solver.CpSat;

/// <summary>
/// The model of the next alternative plan (docs/plan-format.md, "Alternatives"): the same rules and
/// objective, the objective held at or above a floor, and, against every plan found so far, at least
/// a number of its scheduled titles on other dates or in another mode.
/// </summary>
internal static class AlternativeModel
{
    /// <param name="model">The whole model of the scenario, without a reference.</param>
    /// <param name="found">The plans found so far, the best first.</param>
    /// <param name="floor">The lowest objective an alternative may have, in its exact units.</param>
    /// <param name="minDifference">How many titles of each plan found must differ, in date or mode.</param>
    public static ReleaseModel Build(ReleaseModel model, IReadOnlyList<IReadOnlyList<Assignment>> found, double floor, int minDifference)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(found);
        var proto = model.Proto.Clone();
        proto.SolutionHint = null;
        proto.Assumptions.Clear();
        var writer = new CpModelWriter(proto);
        if (proto.Objective is { } objective)
        {
            // CP-SAT minimizes the negated scaled objective, which is never below the exact one:
            // the exact floor is checked again on the plan found.
            var terms = objective.Vars.Zip(objective.Coeffs).ToList();
            var lowest = terms.Sum(t => Math.Min(0, t.Second * proto.Variables[t.First].Domain[^1]));
            var ceiling = (long)Math.Floor(-(floor - model.Scale.Offset) * model.Scale.Factor);
            writer.Linear(terms, Math.Min(lowest, ceiling), ceiling, "floor");
        }

        foreach (var plan in found)
        {
            Differ(writer, model, plan, minDifference);
        }

        return new ReleaseModel(model.Candidates, proto, model.Titles, model.Clash, model.Rules, model.Scale, model.ExactObjective, model.NonZeros) { Kept = model.Kept };
    }

    // same(t) <-> every literal that puts title t where the plan has it; at most (titles - N) the same.
    private static void Differ(CpModelWriter writer, ReleaseModel model, IReadOnlyList<Assignment> plan, int minDifference)
    {
        var byTitle = plan.ToDictionary(a => a.TitleId, StringComparer.Ordinal);
        var calendar = model.Candidates.Calendar;
        var same = new List<int>();
        foreach (var variables in model.Titles)
        {
            if (!byTitle.TryGetValue(variables.Candidates.Title.Id, out var assignment) || Literals(variables, assignment, calendar) is not { } literals)
            {
                continue; // not in the plan, or not a candidate any more: it differs by itself
            }

            var indicator = writer.NewBool("same");
            foreach (var literal in literals)
            {
                writer.Linear([(indicator, 1), (literal, -1)], -1, 0, "same");
            }

            writer.Linear([.. literals.Select(l => (l, 1L)), (indicator, -1)], -1, literals.Count - 1, "same");
            same.Add(indicator);
        }

        writer.Linear(same.Select(s => (s, 1L)), 0, plan.Count - minDifference, "differ");
    }

    private static List<int>? Literals(TitleVariables variables, Assignment assignment, Model.Calendar calendar)
    {
        var candidates = variables.Candidates;
        if (assignment.Mode == PlanModes.Global)
        {
            var index = Array.IndexOf(candidates.GlobalDays, calendar.Day(assignment.Dates.Values.First()));
            return index >= 0 ? [variables.Global[index]] : null;
        }

        var literals = new List<int>();
        foreach (var (region, date) in assignment.Dates)
        {
            var index = variables.Staggered.TryGetValue(region, out var regional) ? Array.IndexOf(candidates.StaggeredDays[region], calendar.Day(date)) : -1;
            if (index < 0)
            {
                return null;
            }

            literals.Add(regional![index]);
        }

        return literals;
    }
}
