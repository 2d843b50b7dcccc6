using Google.OrTools.Sat;

namespace Scheduler.Solver.CpSat;

/// <summary>
/// The second, lexicographic phase of a search that has a reference plan (the base of a what-if,
/// the plan of record of a replan): the same rules, the objective held within a tolerance of the
/// best plan found, and, as the new objective, the number of the reference's releases kept on their
/// date and mode. So a release moves only where the rules force it, or where keeping it would cost
/// more than the tolerance (docs/compare.md, "Stable differences").
/// </summary>
internal static class ClosestModel
{
    /// <summary>
    /// The model of the second phase, or null when <paramref name="model"/> keeps nothing of a
    /// reference. Its variables are those of <paramref name="model"/>, so a solution of either is
    /// read and hinted the same way.
    /// </summary>
    /// <param name="model">The model of the first phase.</param>
    /// <param name="best">The best solution of the first phase (a value per variable).</param>
    /// <param name="tolerance">How much of the objective, in its exact units, may be given up to keep releases.</param>
    public static ReleaseModel? Build(ReleaseModel model, IReadOnlyList<long> best, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(best);
        if (model.Kept.Count == 0 || model.Proto.Objective is not { } objective)
        {
            return null;
        }

        var proto = model.Proto.Clone();
        proto.SolutionHint = null;
        proto.Assumptions.Clear();

        // CP-SAT minimizes the negated, scaled objective: the first phase's value may grow by at
        // most the tolerance, scaled down so that the integer rounding never lets more through.
        var terms = objective.Vars.Zip(objective.Coeffs).ToList();
        var reached = terms.Sum(t => t.Second * best[t.First]);
        var lowest = terms.Sum(t => Math.Min(0, t.Second * proto.Variables[t.First].Domain[^1]));
        var slack = (long)Math.Floor(Math.Max(0, tolerance) * model.Scale.Factor);
        new CpModelWriter(proto).Linear(terms, Math.Min(lowest, reached), reached + slack, "floor");

        var kept = new CpObjectiveProto { ScalingFactor = -1 };
        foreach (var (variable, releases) in model.Kept.OrderBy(kv => kv.Key))
        {
            kept.Vars.Add(variable);
            kept.Coeffs.Add(-releases);
        }

        proto.Objective = kept;
        return new ReleaseModel(model.Candidates, proto, model.Titles, model.Clash, model.Rules, ObjectiveScale.For([], [], 0), model.ExactObjective, model.NonZeros)
        {
            Kept = model.Kept,
        };
    }
}
