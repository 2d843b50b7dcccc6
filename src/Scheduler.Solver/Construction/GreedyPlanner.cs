using Scheduler.Core.Plans;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Construction;

/// <summary>The order in which the greedy planner takes titles.</summary>
internal enum ConstructionOrder
{
    /// <summary>Highest demand first: how a planner would start by hand, and the baseline.</summary>
    Demand,

    /// <summary>Earliest deadline first: the title whose last possible date comes first.</summary>
    Deadline,

    /// <summary>Most constrained first: tentpoles under spacing, then the fewest options, then the earliest deadline.</summary>
    Constrained,
}

/// <summary>The greedy planner's answer: the slate it built, the titles that must release but found no place, and the obligations it could not meet.</summary>
internal sealed record GreedyResult(ConstructionOrder Order, SlateState State, IReadOnlyList<TitleCandidates> Unplaced, IReadOnlyList<ObligationShortfall> Shortfalls)
{
    public bool Complete => Unplaced.Count == 0 && Shortfalls.Count == 0;
}

/// <summary>
/// Plans as a planner would by hand: pinned titles first, then one title at a time in the given
/// order (a sequel only after the titles it follows), each on its best option that still keeps
/// every rule given what is already placed, never revisiting a decision. A title that finds no
/// place is reported, and the others are still placed. Obligations, which ask for more rather than
/// less, are met last by moving titles into the periods that fall short.
/// </summary>
internal sealed class GreedyPlanner
{
    private readonly CandidateSet _candidates;
    private readonly Func<SlateState> _newState;

    public GreedyPlanner(CandidateSet candidates, Func<SlateState> newState)
    {
        _candidates = candidates;
        _newState = newState;
    }

    /// <param name="order">The order to take titles in.</param>
    /// <param name="keep">
    /// A plan to stay close to (the base of a comparison, the plan of record of a replan): each of
    /// its titles keeps its mode and dates when they still keep every rule, before anything else
    /// is placed; only the others are placed greedily.
    /// </param>
    public GreedyResult Plan(ConstructionOrder order, IReadOnlyList<Assignment>? keep = null)
    {
        var state = _newState();
        var options = new PlacementOptions(_candidates, state);
        Keep(state, keep ?? []);
        var unplaced = new List<TitleCandidates>();

        // A title with formats is taken once, at its first format in the order, in its best format then.
        var taken = new HashSet<int>();
        foreach (var candidates in Order(order).Where(c => !state.IsReleased(c) && (c.FormatGroup < 0 || taken.Add(c.FormatGroup))))
        {
            var best = options.BestFormat(candidates);
            var mustRelease = _candidates.MustRelease(candidates);
            if (best is not { } found || (!mustRelease && found.Option.Score <= 0))
            {
                if (mustRelease)
                {
                    unplaced.Add(candidates);
                }

                continue;
            }

            state.Place(found.Title, found.Option.Placement);
        }

        // Obligations are lower bounds: met after the titles are placed, by moving matching ones (rule 13).
        var shortfalls = _candidates.Scenario.Obligations.IsEmpty ? [] : ObligationRepair.ByMoves(_candidates, state);
        return new GreedyResult(order, state, unplaced, shortfalls);
    }

    /// <summary>
    /// Places the assignments of <paramref name="keep"/> that are still candidates and fit, in demand
    /// order. A title with formats stands in the reference in each of them, its own format first
    /// (<see cref="FormatExpansion.ToExpanded"/>): the first that fits keeps its dates.
    /// </summary>
    private void Keep(SlateState state, IReadOnlyList<Assignment> keep)
    {
        foreach (var assignment in keep
            .Where(a => _candidates.ById.ContainsKey(a.TitleId))
            .OrderByDescending(a => _candidates.ById[a.TitleId].Title.Demand)
            .ThenBy(a => _candidates.FormatsOf(_candidates.ById[a.TitleId])[0].Index))
        {
            var candidates = _candidates.ById[assignment.TitleId];
            if (PlacementOptions.Of(_candidates, candidates, assignment) is { } placement && PlacementOptions.Fits(state, candidates.Title, placement))
            {
                state.Place(candidates, placement);
            }
        }
    }

    private IEnumerable<TitleCandidates> Order(ConstructionOrder order)
    {
        var spacing = _candidates.Scenario.Capacity.TentpoleSpacingDays > 0;
        // Under best effort the titles that matter most come first (all rewards are 0 otherwise).
        var titles = _candidates.Titles.Where(t => t.CanBeScheduled).OrderByDescending(t => t.Reward);
        var sorted = order switch
        {
            ConstructionOrder.Demand => titles.ThenByDescending(t => t.Title.Pins.Count > 0).ThenByDescending(t => t.Title.Demand),
            ConstructionOrder.Deadline => titles.ThenByDescending(t => t.Title.Pins.Count > 0).ThenBy(Deadline).ThenBy(Options),
            _ => titles.ThenByDescending(t => t.Title.Pins.Count > 0).ThenByDescending(t => spacing && t.Title.Tentpole).ThenBy(Options).ThenBy(Deadline),
        };
        return Sequenced(sorted.ThenBy(t => t.Index).ToList());
    }

    /// <summary>The given order, except that a title waits until every title it follows has been taken.</summary>
    private static IEnumerable<TitleCandidates> Sequenced(List<TitleCandidates> pending)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ids = pending.Select(t => t.Title.Id).ToHashSet(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.Title.After.All(a => done.Contains(a.TitleId) || !ids.Contains(a.TitleId))) ?? pending[0];
            pending.Remove(next);
            done.Add(next.Title.Id);
            yield return next;
        }
    }

    /// <summary>The last day the title could launch.</summary>
    private static int Deadline(TitleCandidates title)
        => Math.Max(
            title.GlobalDays.Length > 0 ? title.GlobalDays[^1] : -1,
            title.CanBeStaggered && title.StaggeredDays[title.Title.LeadRegion] is { Length: > 0 } lead ? lead[^1] : -1);

    /// <summary>How many launch options the title has.</summary>
    private static int Options(TitleCandidates title)
        => title.GlobalDays.Length + (title.CanBeStaggered ? title.StaggeredDays[title.Title.LeadRegion].Length : 0);
}
