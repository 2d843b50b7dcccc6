using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Construction;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

// Best effort (docs/explanations.md, "Best effort"): a slate that cannot be planned whole is
// planned in part, the most important titles first, and the plan says what it left out and why.
public sealed partial class ReleasePlanner
{
    /// <summary>
    /// The share of the time limit a best-effort search leaves for what follows it on a large
    /// slate: explaining each title left out, verifying and writing the plan (about 8 s of 120 on
    /// the over-committed world slate, bench/README.md).
    /// </summary>
    private const double ExplainingShare = 0.1;

    /// <summary>
    /// The share of the time limit a best-effort search gets after a search of the whole slate
    /// found no plan (or proved there is none): such a run takes at most 1.25 times its limit.
    /// </summary>
    private const double RetryShare = 0.25;

    // A replan keeps what is announced and charges moves; it is never planned in part.
    private static bool BestEffortAsked(PlanRequest request) => request.BestEffort && request.Replan is null;

    /// <summary>
    /// Plans the slate with every title free to be left out, each title that must release weighted
    /// by its priority (<see cref="PriorityRewards"/>), with no gap to stop at: the search uses its
    /// time to place the most titles of each priority, then the most value.
    /// </summary>
    /// <param name="run">The run, with the time it has left.</param>
    /// <param name="why">Why the slate is not planned whole: the proofs, or how the first search ended.</param>
    /// <param name="cancellationToken">Stops planning at once.</param>
    private PlanningOutcome BestEffort(Run run, IReadOnlyList<string> why, CancellationToken cancellationToken)
    {
        var request = run.Request;
        run.Trace.Restart("planning the part of the slate that fits");
        run.Trace.Weighted = true;
        var free = new ValueModel(EveryTitleOptional(request.Scenario));
        var candidates = CandidateSet.Build(free);
        var rewards = PriorityRewards.For(candidates, request.Scenario);
        rewards.ApplyTo(candidates);
        run.Rewards = rewards;
        run.WhyPartial = why;
        // No reference plan to stay close to: its tolerance and bonus are shares of the weighted
        // objective, which could outweigh a priority.
        run.Request = request with { RelativeGap = 0, TimeLimit = request.TimeLimit * (1 - ExplainingShare), Reference = null };
        return Search(run, new ValueModel(request.Scenario), candidates, cancellationToken);
    }

    /// <summary>
    /// Under best effort, places each title still left out that fits where the plan has room, the
    /// most rewarded first: a search that ends on its time limit may not have tried them all.
    /// </summary>
    private static SlateState Fill(Run run, CandidateSet candidates, SlateState slate)
    {
        if (run.Rewards is null)
        {
            return slate;
        }

        var options = new PlacementOptions(candidates, slate);
        foreach (var title in candidates.Titles.Where(t => t.Reward > 0).OrderByDescending(t => t.Reward).ThenByDescending(t => t.Title.Demand).ThenBy(t => t.Index))
        {
            if (!slate.IsReleased(title) && options.BestFormat(title) is { } best)
            {
                slate.Place(best.Title, best.Option.Placement);
            }
        }

        return slate;
    }

    private static Scenario EveryTitleOptional(Scenario scenario)
        => new(scenario.ToSpec() with { Titles = [.. scenario.Titles.Select(t => t.Optional ? t : new Title(t.ToSpec() with { Optional = true }))] });

    /// <summary>
    /// Writes the assignments down as a plan with its solver line and diagnostics, and verifies it;
    /// titles placed in one of their formats are written as themselves in it (<see cref="Written"/>).
    /// The status follows from the proven bound: optimal only within <see cref="ProvenGap"/>. Under
    /// best effort, a plan that places every title that must release is judged against the bound
    /// less every reward (a bound of every whole plan); one that leaves titles out is
    /// <see cref="PlanningStatus.Partial"/>, claims no bound and lists them with their reasons.
    /// </summary>
    private PlanningOutcome Finish(
        Run run, ValueModel scenarioValues, IReadOnlyList<Assignment> found, string engine, double? bound, PlanningStatistics statistics, ReleaseModel? model)
    {
        var request = run.Request;
        var (values, assignments) = Written(run, scenarioValues, found);
        if (run.Rewards is not null)
        {
            // The constructions' objectives carry the priorities' weights: they are no plan's objective.
            (statistics, run.ConstructionObjective) = (statistics with { GreedyObjective = null }, null);
        }

        var placed = assignments.Select(a => a.TitleId).ToHashSet(StringComparer.Ordinal);
        var leftOut = run.Rewards is null ? [] : values.Scenario.Titles.Where(t => !t.Optional && !placed.Contains(t.Id)).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var partial = leftOut.Count > 0;
        if (run.Rewards is { } rewards && bound is { } weighted)
        {
            bound = partial ? null : weighted - rewards.Total;
        }

        var plan = PlanFactory.Create(
            values,
            request.Info,
            assignments,
            kpis =>
            {
                var (provenBound, gap, status) = partial ? (null, null, PlanningStatus.Partial) : Proof(kpis.Objective, bound);
                return new PlanSolver(
                    engine, status.ToPlanStatus(), kpis.Objective, provenBound, gap,
                    _time.GetElapsedTime(run.Started).TotalSeconds, model?.VariableCount ?? 0, model?.ConstraintCount ?? 0);
            },
            Now(),
            request.Replan);
        run.Trace.Weighted = false;
        run.Trace.Improved(plan.Kpis.Objective, partial ? null : plan.Solver.Bound);
        if (partial)
        {
            run.Trace.Phase("explaining the titles left out");
            var explainer = new LeftOutExplainer(values.Scenario, plan);
            plan = plan with { LeftOut = [.. leftOut.Select(t => ExplainLeftOut(explainer, t))] };
        }

        plan = plan with { Diagnostics = Diagnostics(run, statistics) };
        var outcome = partial ? PlanningStatus.Partial : StatusOf(plan.Solver.Gap);
        // Verified against the scenario as written: the verifier reads each title in the format the plan names.
        return new PlanningOutcome(outcome, plan, new PlanVerifier(scenarioValues).Verify(plan, request.Replan), partial ? run.WhyPartial : [], statistics);
    }
}
