using Scheduler.Core.Values;
using Scheduler.Solver.Construction;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

// The greedy engine (--engine greedy): the baseline, planned and written down as any plan is.
public sealed partial class ReleasePlanner
{
    /// <summary>The baseline a planner would build by hand: the best of the greedy orders that places every title; no repairs, no solver.</summary>
    private PlanningOutcome FromGreedy(Run run, ValueModel values, CandidateSet candidates, Func<SlateState> newState)
    {
        var planner = new GreedyPlanner(candidates, newState);
        var results = Enum.GetValues<ConstructionOrder>().Select(order => planner.Plan(order, run.Request.Reference)).ToList();
        var best = results.Where(r => r.Complete).MaxBy(r => r.State.Objective);
        var statistics = Statistics(run, candidates, null, TimeSpan.Zero, best?.State.Objective);
        return best is null
            ? new PlanningOutcome(
                PlanningStatus.NoSolution,
                null,
                null,
                [.. results.Select(r => r.Unplaced.Count > 0
                    ? $"the {r.Order.ToString().ToLowerInvariant()} order could not place title '{candidates.Formats.ParentOf(r.Unplaced[0].Title.Id)}' after the titles before it"
                    : $"the {r.Order.ToString().ToLowerInvariant()} order could not meet obligation '{r.Shortfalls[0].Obligation.Id}' in {r.Shortfalls[0].Region} in {Core.Domain.Obligation.Name(new NodaTime.DateInterval(candidates.Calendar.Date(r.Shortfalls[0].First), candidates.Calendar.Date(r.Shortfalls[0].Last)))} by moving titles")],
                statistics)
            : Finish(run, values, best.State.Assignments(), GreedyEngineName, null, statistics, null);
    }
}
