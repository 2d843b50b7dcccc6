using Scheduler.Core.Plans;
using Scheduler.Solver.Construction;
using Scheduler.Solver.Model;
using Scheduler.Solver.Neighbourhoods;

namespace Scheduler.Solver.Planning;

/// <summary>How construction went: the best complete slate, the best plain greedy one, and the fullest incomplete one.</summary>
/// <param name="Best">The best slate that places every title that must release, or null.</param>
/// <param name="BestGreedy">The best slate a greedy order placed on its own, without repair, or null.</param>
/// <param name="Partial">When no slate is complete: the one that places the most titles, to start a whole-model search from.</param>
internal sealed record ConstructionResult(SlateState? Best, GreedyResult? BestGreedy, SlateState? Partial);

/// <summary>
/// Builds a first complete slate that does not give up: the greedy planner in several orders
/// (most constrained, deadline, demand), and for the titles an order cannot place, ejection chains
/// (<see cref="EjectionRepair"/>), then, for any title still left, a repair that frees it together
/// with the titles around its dates (and those it is linked to by sequels) and solves that
/// neighbourhood exactly with CP-SAT, widening it until the title fits; an obligation still short
/// is mended the same way (<see cref="ObligationRepair"/>). When the neighbourhood
/// would be the whole slate, or the time is up, construction hands over its fullest slate: CP-SAT
/// on the whole model then finds a plan or proves there is none.
/// </summary>
internal sealed class SlateConstruction
{
    // Most constrained first: the order that most often places every title on contended slates.
    private static readonly ConstructionOrder[] Orders = [ConstructionOrder.Constrained, ConstructionOrder.Deadline, ConstructionOrder.Demand];
    private static readonly TimeSpan RepairStep = TimeSpan.FromSeconds(10);

    private readonly CandidateSet _candidates;
    private readonly GreedyPlanner _greedy;
    private readonly NeighbourhoodSolver _neighbourhoods;
    private readonly TimeProvider _time;

    private readonly int _workers;

    /// <param name="candidates">Every title's candidates.</param>
    /// <param name="newState">Makes an empty slate.</param>
    /// <param name="neighbourhoods">Solves the neighbourhoods of repairs.</param>
    /// <param name="time">The clock.</param>
    /// <param name="workers">CP-SAT workers for a repair (construction runs one repair at a time).</param>
    public SlateConstruction(CandidateSet candidates, Func<SlateState> newState, NeighbourhoodSolver neighbourhoods, TimeProvider time, int workers)
    {
        _candidates = candidates;
        _greedy = new GreedyPlanner(candidates, newState);
        _neighbourhoods = neighbourhoods;
        _time = time;
        _workers = workers;
    }

    /// <param name="keep">A plan to stay close to, kept where it still fits.</param>
    /// <param name="budget">Time for construction: the orders run while it lasts, and the first one always.</param>
    /// <param name="cancellationToken">Stops construction.</param>
    public ConstructionResult Build(IReadOnlyList<Assignment>? keep, TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        SlateState? best = null;
        SlateState? partial = null;
        GreedyResult? bestGreedy = null;
        foreach (var order in Orders)
        {
            if (best is not null && _time.GetElapsedTime(started) > budget)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var greedy = _greedy.Plan(order, keep);
            if (greedy.Complete && (bestGreedy is null || greedy.State.Objective > bestGreedy.State.Objective))
            {
                bestGreedy = greedy;
            }

            // Once a complete slate exists, an order that needs repairs is not worth the time.
            var (slate, complete) = greedy.Complete ? (greedy.State, true)
                : best is null ? Repair(greedy, budget - _time.GetElapsedTime(started), cancellationToken)
                : (greedy.State, false);
            if (complete && (best is null || slate.Objective > best.Objective))
            {
                best = slate;
            }
            else if (!complete && (partial is null || slate.PlacedCount > partial.PlacedCount))
            {
                partial = slate;
            }
        }

        return new ConstructionResult(best, bestGreedy, best is null ? partial : null);
    }

    /// <summary>
    /// Places each title the greedy order left out by ejection chains, then by re-solving a
    /// widening neighbourhood around each title still left, within the budget. Returns the slate
    /// and whether it is complete.
    /// </summary>
    private (SlateState Slate, bool Complete) Repair(GreedyResult greedy, TimeSpan budget, CancellationToken cancellationToken)
    {
        var slate = greedy.State.Clone();
        var started = _time.GetTimestamp();
        var left = new EjectionRepair(_candidates, _time).Repair(slate, greedy.Unplaced, budget / 2, cancellationToken);
        var schedulable = _candidates.Titles.Count(t => t.CanBeScheduled);
        foreach (var title in left)
        {
            var spans = _candidates.FormatsOf(title).Where(f => f.CanBeScheduled).Select(f => f.Span()).ToList();
            var (from, to) = (spans.Min(s => s.First), spans.Max(s => s.Last));
            var pad = 7;
            while (!slate.IsReleased(title))
            {
                var free = Around(slate, title, from - pad, to + pad);
                var remaining = budget - _time.GetElapsedTime(started);
                if (free.Count >= schedulable || remaining <= TimeSpan.Zero)
                {
                    return (slate, false);
                }

                var result = _neighbourhoods.Solve(slate, free, remaining < RepairStep ? remaining : RepairStep, _workers, cancellationToken);
                if (result.State is { } repaired)
                {
                    slate = repaired;
                }
                else
                {
                    pad = (pad * 2) + 14;
                }
            }
        }

        if (_candidates.Scenario.Obligations.IsEmpty || ObligationRepair.ByMoves(_candidates, slate).Count == 0)
        {
            return (slate, true);
        }

        var met = ObligationNeighbourhoods.Repair(_candidates, ref slate, _neighbourhoods, () => budget - _time.GetElapsedTime(started), RepairStep, _workers, cancellationToken);
        return (slate, met);
    }

    /// <summary>
    /// The title, every title released in one of its regions between <paramref name="from"/> and
    /// <paramref name="to"/>, and the titles it follows or that follow it; each in all its formats.
    /// </summary>
    private List<TitleCandidates> Around(SlateState slate, TitleCandidates title, int from, int to)
    {
        var regions = title.Title.Regions.ToHashSet(StringComparer.Ordinal);
        var linked = title.Title.After.Select(a => a.TitleId).ToHashSet(StringComparer.Ordinal);
        return _candidates.WithFormats(_candidates.Titles.Where(t => t.CanBeScheduled && (t.Index == title.Index
            || linked.Contains(t.Title.Id)
            || t.Title.After.Any(a => a.TitleId == title.Title.Id)
            || (slate[t.Index] is { } placed && placed.Days.Any(kv => regions.Contains(kv.Key) && kv.Value >= from && kv.Value <= to))))).FindAll(t => t.CanBeScheduled);
    }
}
