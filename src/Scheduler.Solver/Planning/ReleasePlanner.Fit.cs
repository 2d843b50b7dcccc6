using Scheduler.Solver.Construction;
using Scheduler.Solver.Diagnosis;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

// Slates that cannot fit (docs/explanations.md, "Why a scenario cannot be planned"): proven before the search, explained after it.
public sealed partial class ReleasePlanner
{
    /// <summary>
    /// The infeasible outcome with its proofs when the rule checks prove that the slate cannot fit
    /// (in seconds, before a candidate is built, so that no time limit is spent on it); else null.
    /// </summary>
    private PlanningOutcome? DoesNotFit(Run run, long candidateEstimate, CancellationToken cancellationToken)
    {
        run.Trace.Phase("checking that the slate can fit");
        var proofs = new InfeasibilityDiagnoser(run.Request.Scenario).Diagnose(cancellationToken);
        return proofs.Count == 0 ? null : new PlanningOutcome(
            PlanningStatus.Infeasible,
            null,
            null,
            [.. proofs.Select(p => p.Message)],
            new PlanningStatistics((int)Math.Min(candidateEstimate, int.MaxValue), 0, 0, 0, _time.GetElapsedTime(run.Started), TimeSpan.Zero, null));
    }

    /// <summary>The conflicts the rule checks can name; else a conflict core from the solver; else the fallback.</summary>
    private List<string> Explain(Core.Domain.Scenario scenario, IEnumerable<string> fallback, CancellationToken cancellationToken)
    {
        var conflicts = new InfeasibilityDiagnoser(scenario).Diagnose(cancellationToken);
        if (conflicts.Count > 0)
        {
            return [.. conflicts.Select(c => c.Message)];
        }

        var core = new ConflictCore(_search, _time).Explain(scenario, null, cancellationToken);
        return core.Count > 0 ? [.. core.Select(c => c.Message)] : [.. fallback];
    }

    /// <summary>
    /// When the construction could not place every title: a conflict among the titles it left
    /// unplaced and those they compete with (<see cref="ConflictNeighbourhood"/>), looked for in at
    /// most a quarter of the time left and <see cref="ConflictCore.TotalTime"/>. A conflict found is
    /// one of the whole slate; none found proves nothing, and the search goes on.
    /// </summary>
    private PlanningOutcome? ConflictAmongUnplaced(Run run, CandidateSet candidates, SlateState? partial, CancellationToken cancellationToken)
    {
        if (partial is null || run.Rewards is not null)
        {
            return null;
        }

        var unplaced = candidates.Titles.Where(t => candidates.MustRelease(t) && t.CanBeScheduled && !partial.IsReleased(t)).ToList();
        if (ConflictNeighbourhood.Of(candidates, unplaced) is not { } neighbourhood)
        {
            return null;
        }

        run.Trace.Phase("looking for a conflict among the titles not placed");
        var limit = Remaining(run) * 0.25;
        var core = new ConflictCore(run.Searcher, run.Clock).Explain(neighbourhood, limit < ConflictCore.TotalTime ? limit : ConflictCore.TotalTime, cancellationToken);
        return core.Count == 0
            ? null
            : new PlanningOutcome(PlanningStatus.Infeasible, null, null, [.. core.Select(c => c.Message)], Statistics(run, candidates, null, TimeSpan.Zero, null));
    }
}
