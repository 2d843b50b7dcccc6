using System.Globalization;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

/// <summary>What alternatives to look for beside the best plan (docs/plan-format.md, "Alternatives").</summary>
/// <param name="Count">How many, at most (1 to <see cref="AlternativeOptions.MaxCount"/>).</param>
/// <param name="Within">How far below the best plan's objective each may be, as a fraction of it (0 to 1; 0.005 is 0.5%).</param>
/// <param name="MinDifference">In how many titles (date or mode) each must differ from the best plan and from every other alternative (at least 1).</param>
public sealed record AlternativeOptions(int Count, double Within = AlternativeOptions.DefaultWithin, int MinDifference = AlternativeOptions.DefaultMinDifference)
{
    public const int MaxCount = 10;

    public const double DefaultWithin = 0.005;

    public const int DefaultMinDifference = 3;
}

/// <summary>The alternatives found, each a verified plan of the same scenario, and why there are not more.</summary>
public sealed record AlternativesOutcome(IReadOnlyList<PlanningOutcome> Alternatives, string? Shortfall);

// Alternatives: near-equal plans a planner may prefer for reasons the model does not hold.
public sealed partial class ReleasePlanner
{
    /// <summary>
    /// Up to <see cref="AlternativeOptions.Count"/> plans of <paramref name="request"/>'s scenario, each
    /// within <see cref="AlternativeOptions.Within"/> of <paramref name="best"/>'s objective and
    /// differing from it and from each other in at least <see cref="AlternativeOptions.MinDifference"/>
    /// titles, found one after the other by CP-SAT on the whole model, each with a share of the time
    /// limit (counted in work when seeded, so that a seeded run finds the same alternatives); the best
    /// such plan each time. Each carries <paramref name="best"/>'s bound.
    /// </summary>
    public AlternativesOutcome Alternatives(PlanRequest request, Plan best, AlternativeOptions options, IProgress<PlanningProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(options);
        if (best.Solver.Status == PlanStatuses.Partial)
        {
            return new AlternativesOutcome([], "alternatives are looked for among plans of the whole slate, and this plan is partial (best effort)");
        }

        var values = new ValueModel(request.Scenario);
        var candidates = CandidateSet.Build(values);
        if (candidates.CandidateCount > SearchThenWholeModelCandidates)
        {
            return new AlternativesOutcome([], string.Create(CultureInfo.InvariantCulture, $"alternatives are looked for on the whole model, and this slate has {candidates.CandidateCount:N0} candidate releases (at most {SearchThenWholeModelCandidates:N0})"));
        }

        var model = new ReleaseModelBuilder(candidates, new ModelOptions()).Build();
        var floor = best.Kpis.Objective - (options.Within * Math.Max(1, Math.Abs(best.Kpis.Objective)));
        // The plans found are held as the model's titles: a title with formats as its chosen one.
        List<IReadOnlyList<Assignment>> found = [candidates.Formats.ToExpanded(Assignment.FromPlan(best), everyFormat: false)];
        var alternatives = new List<PlanningOutcome>();
        var share = request.TimeLimit / options.Count;
        while (alternatives.Count < options.Count)
        {
            progress?.Report(new PlanningProgress(string.Create(CultureInfo.InvariantCulture, $"alternative {alternatives.Count + 1} of {options.Count}"), best.Solver.Objective, best.Solver.Bound));
            var started = _time.GetTimestamp();
            var run = Begin(new Run(request with { TimeLimit = share }, started, new ProgressTrace(_time, started, null)) { Search = "alternative" });
            var next = AlternativeModel.Build(model, found, floor, options.MinDifference);
            var result = run.Searcher.Solve(next, new SearchSettings(Remaining(run), request.RelativeGap, request.Threads), null, cancellationToken);
            if (result.Solution is not { } solution)
            {
                return new AlternativesOutcome(alternatives, result.Status == SearchStatus.Infeasible
                    ? string.Create(CultureInfo.InvariantCulture, $"no other plan within {options.Within:0.###%} of the best differs from the plans found in at least {options.MinDifference} titles")
                    : string.Create(CultureInfo.InvariantCulture, $"no further alternative was found within {share.TotalSeconds:0.#} seconds"));
            }

            var assignments = ModelSolution.Read(model, v => solution[v] != 0);
            var statistics = Statistics(run, candidates, next, result.Elapsed, null);
            var outcome = Finish(run, values, assignments, CpSatEngineName, best.Solver.Bound, statistics, next);
            if (outcome.VerifiedPlan is not { } plan || plan.Kpis.Objective < floor - 1e-9)
            {
                return new AlternativesOutcome(alternatives, outcome.VerifiedPlan is null ? "an alternative failed verification" : "no further alternative keeps within the objective asked for");
            }

            alternatives.Add(outcome with { Provenance = ProvenanceOf(request) });
            found.Add(assignments);
        }

        return new AlternativesOutcome(alternatives, null);
    }
}
