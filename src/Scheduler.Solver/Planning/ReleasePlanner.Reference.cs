using Scheduler.Solver.Construction;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

// Planning against a reference plan (the base of a what-if, the plan of record of a replan):
// lexicographically, the best objective first, then the fewest moves from the reference within a
// tolerance of that objective (docs/compare.md, "Stable differences").
public sealed partial class ReleasePlanner
{
    /// <summary>
    /// A release of the reference plan moves only if the rules force it or if keeping it costs more
    /// than this share of the objective, or than the requested gap when that is larger.
    /// </summary>
    public const double MoveThreshold = 0.0005;

    /// <summary>The share of the search time a whole model with a reference leaves for its second phase.</summary>
    private const double ClosestShare = 0.25;

    /// <summary>The objective a plan against a reference may give up to keep the reference's releases.</summary>
    public static double MoveTolerance(double objective, double relativeGap)
        => Math.Max(MoveThreshold, relativeGap) * Math.Max(1, Math.Abs(objective));

    // Neighbourhoods lean toward the reference on ties: each kept release earns the smallest bonus the
    // integer objective holds. A replan's kept releases earn exactly the move cost they avoid.
    private static ModelOptions ModelOptionsFor(PlanRequest request, double relaxationBound)
    {
        if (request.Replan is { MoveCost: > 0 } replan)
        {
            return new ModelOptions { Reference = request.Reference, ReferenceBonus = replan.MoveCost, MoveCost = replan.MoveCost };
        }

        var pairs = Math.Max(1, request.Scenario.Titles.Sum(t => t.Regions.Length));
        return new ModelOptions { Reference = request.Reference, ReferenceBonus = 1e-9 * Math.Abs(relaxationBound) / pairs };
    }

    // The whole model carries no tie-breaking bonus, so that its bound is the objective's own; the
    // second phase keeps the reference's releases instead.
    private static ModelOptions WholeModelOptions(ModelOptions options)
        => options.MoveCost > 0 ? options : options with { ReferenceBonus = 0 };

    /// <summary>
    /// Empty slates that count replan moves against the plan of record. A title with formats is
    /// charged alike in each (one of them is placed): a new format on the same date is no move.
    /// </summary>
    private static Func<SlateState> SlateFactory(PlanRequest request, CandidateSet candidates)
    {
        if (request.Replan is not { MoveCost: > 0 } replan)
        {
            return () => new SlateState(candidates);
        }

        var formats = candidates.Formats;
        var record = replan.Previous
            .Where(p => formats.IsEmpty || formats.Original.TitlesById.ContainsKey(p.Title)) // a withdrawn title could bear a sibling's id
            .SelectMany(p => formats.SiblingsOf(p.Title) is { IsEmpty: false } siblings ? siblings.Select(s => p with { Title = s }) : [p])
            .ToDictionary(p => (p.Title, p.Region), p => (p.Mode, candidates.Calendar.Day(p.Date)));
        return () => new SlateState(candidates, record, replan.MoveCost);
    }

    /// <summary>
    /// The plan closest to the reference within <see cref="MoveTolerance"/> of <paramref name="best"/>:
    /// CP-SAT's second phase when there is a whole model, then reverting titles one at a time.
    /// Without a reference, <paramref name="best"/> itself.
    /// </summary>
    private static SlateState StayClose(Run run, CandidateSet candidates, Func<SlateState> newState, SlateState best, ReleaseModel? model, CancellationToken cancellationToken)
    {
        var request = run.Request;
        if (request.Reference is not { Count: > 0 } reference)
        {
            return best;
        }

        run.Trace.Phase("keeping the reference plan's dates");
        var found = best.Objective;
        var tolerance = MoveTolerance(found, request.RelativeGap);
        var closest = best;
        if (model is not null && ModelSolution.Encode(model, best.Assignments()) is { } hint
            && ClosestModel.Build(model, hint, tolerance) is { } second)
        {
            var result = run.Searcher.Solve(second, new SearchSettings(Remaining(run), 0, request.Threads) { Hint = hint, Log = request.SolverLog }, null, cancellationToken);
            if (result.Solution is { } solution)
            {
                var candidate = Slate(candidates, newState, ModelSolution.Read(model, v => solution[v] != 0));
                if (candidate.Objective >= found - tolerance)
                {
                    closest = candidate;
                }
            }
        }

        ReferenceRevert.Run(candidates, closest, reference, tolerance - (found - closest.Objective), cancellationToken);
        return closest;
    }
}
