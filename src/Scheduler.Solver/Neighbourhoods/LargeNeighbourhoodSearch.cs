using Scheduler.Solver.Construction;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Neighbourhoods;

/// <summary>How many neighbourhoods a search re-optimized, and how many of them improved the plan.</summary>
public sealed record NeighbourhoodCounts(int Tried, int Improved);

/// <summary>What the search tells the run as it goes: each better plan, and how many neighbourhoods it has tried.</summary>
internal interface INeighbourhoodObserver : ISearchObserver
{
    void Neighbourhoods(int tried, int improved);
}

/// <summary>
/// Improves a complete slate by large-neighbourhood search: again and again, a neighbourhood of
/// titles that compete with each other (<see cref="NeighbourhoodKind"/>) is freed and re-optimized
/// exactly by CP-SAT while every other title stays where it is (and the free ones move at most a
/// few weeks), and the result is kept when it is better. Each worker runs its own neighbourhoods in parallel with the others; a result found
/// against an older plan is kept only if its titles still fit the current one. Neighbourhood sizes
/// grow while CP-SAT proves them quickly and shrink when it runs out of time. It is an anytime
/// search: it stops at the time limit, at the requested gap to the bound, or when cancelled, and
/// the plan it returns is always complete.
/// </summary>
internal sealed class LargeNeighbourhoodSearch
{
    private const int StartSize = 16;
    private const int SmallestSize = 4;
    private static readonly TimeSpan NeighbourhoodLimit = TimeSpan.FromSeconds(4);

    // Free titles move at most this far from their current dates (measured on the contended
    // 300-title slate: 16 titles within four weeks are proven in a fifth of the time of 16
    // titles free over their whole windows, for nearly the same gain).
    private const int RadiusDays = 28;

    private readonly CandidateSet _candidates;
    private readonly NeighbourhoodSolver _solver;
    private readonly NeighbourhoodSelector _selector;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<NeighbourhoodKind, (int Size, int Tried, int Improved)> _kinds = [];
    private SlateState _incumbent = null!;
    private int _tried;
    private int _improved;

    /// <param name="candidates">Every title's candidates.</param>
    /// <param name="solver">Re-optimizes a neighbourhood.</param>
    /// <param name="time">The clock of the time limit.</param>
    /// <param name="gain">The bound's gain of each title on a slate, which <see cref="NeighbourhoodKind.Priced"/> follows (none: that kind is not tried).</param>
    public LargeNeighbourhoodSearch(CandidateSet candidates, NeighbourhoodSolver solver, TimeProvider time, Func<SlateState, TitleCandidates, double>? gain = null)
    {
        _candidates = candidates;
        _solver = solver;
        _selector = new NeighbourhoodSelector(candidates, gain);
        _time = time;
    }

    /// <param name="start">A complete slate.</param>
    /// <param name="limit">Time for the search.</param>
    /// <param name="stopAtGap">Stops once the plan is within this relative gap of <paramref name="bound"/>.</param>
    /// <param name="bound">The best proven bound so far.</param>
    /// <param name="workers">Neighbourhoods re-optimized at once.</param>
    /// <param name="seed">Makes a one-worker search repeatable.</param>
    /// <param name="trace">Told of every better plan and of the neighbourhood counts.</param>
    /// <param name="cancellationToken">Stops the search; then <see cref="OperationCanceledException"/> is thrown.</param>
    public (SlateState Best, NeighbourhoodCounts Counts) Run(
        SlateState start, TimeSpan limit, double stopAtGap, Func<double> bound, int workers, int seed, INeighbourhoodObserver trace, CancellationToken cancellationToken)
    {
        _incumbent = start;
        var started = _time.GetTimestamp();
        var kinds = Enum.GetValues<NeighbourhoodKind>().Where(k => (k != NeighbourhoodKind.Sequels || _selector.HasSequels) && (k != NeighbourhoodKind.Priced || _selector.HasGains)).ToArray();
        var schedulable = _candidates.Titles.Count(t => t.CanBeScheduled);
        foreach (var kind in kinds)
        {
            _kinds[kind] = (Math.Min(StartSize, schedulable), 0, 0);
        }

        bool Done()
        {
            var objective = Incumbent().Objective;
            return _time.GetElapsedTime(started) >= limit
                || (bound() - objective) / Math.Max(1, Math.Abs(objective)) <= stopAtGap
                || schedulable == 0;
        }

        void Work(int worker)
        {
            var random = new Random(seed + (7919 * worker));
            while (!Done())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var kind = Pick(kinds, random);
                var snapshot = Incumbent();
                var free = _candidates.WithFormats(_selector.Select(kind, _kinds[kind].Size, snapshot, random));
                var left = limit - _time.GetElapsedTime(started);
                var result = _solver.Solve(snapshot, free, left < NeighbourhoodLimit ? left : NeighbourhoodLimit, 1, cancellationToken, RadiusDays);
                Accept(kind, snapshot, free, result, schedulable, trace);
            }
        }

        var tasks = Enumerable.Range(0, Math.Max(1, workers))
            .Select(w => Task.Factory.StartNew(() => Work(w), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        try
        {
            Task.WaitAll(tasks, CancellationToken.None);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
        {
            throw new OperationCanceledException(cancellationToken);
        }

        lock (_gate)
        {
            return (_incumbent, new NeighbourhoodCounts(_tried, _improved));
        }
    }

    private SlateState Incumbent()
    {
        lock (_gate)
        {
            return _incumbent;
        }
    }

    /// <summary>Keeps a better result, then grows the kind's size after a quick proof or shrinks it after a timeout.</summary>
    private void Accept(NeighbourhoodKind kind, SlateState snapshot, List<TitleCandidates> free, NeighbourhoodResult result, int schedulable, INeighbourhoodObserver trace)
    {
        lock (_gate)
        {
            _tried++;
            var (size, tried, improved) = _kinds[kind];
            var better = result.State is { } found ? Merge(snapshot, free, found) : null;
            if (better is not null && better.Objective > _incumbent.Objective + (1e-9 * Math.Max(1, Math.Abs(_incumbent.Objective))))
            {
                _incumbent = better;
                _improved++;
                improved++;
                trace.Improved(better.Objective, null);
            }
            else if (result.Status == SearchStatus.Optimal)
            {
                size = Math.Min(schedulable, (size * 5 / 4) + 1);
            }
            else if (result.Status is SearchStatus.Feasible or SearchStatus.Unknown)
            {
                size = Math.Max(SmallestSize, size * 4 / 5);
            }

            _kinds[kind] = (size, tried + 1, improved);
            trace.Neighbourhoods(_tried, _improved);
        }
    }

    /// <summary>
    /// The result applied to the current plan: as it is when nothing changed since its snapshot,
    /// otherwise its titles moved into the current plan, or null when one no longer fits there.
    /// </summary>
    private SlateState? Merge(SlateState snapshot, List<TitleCandidates> free, SlateState found)
    {
        if (ReferenceEquals(snapshot, _incumbent))
        {
            return found;
        }

        var merged = _incumbent.Clone();
        foreach (var title in free.Where(t => merged[t.Index] is not null))
        {
            merged.Remove(title);
        }

        foreach (var title in free)
        {
            if (found[title.Index] is not { } placement)
            {
                // The free titles hold every format of each: one must be placed for a title that must release.
                if (_candidates.MustRelease(title) && !found.IsReleased(title))
                {
                    return null;
                }

                continue;
            }

            if (!PlacementOptions.Fits(merged, title.Title, placement))
            {
                return null;
            }

            merged.Place(title, placement);
        }

        // Rule 13 counts across titles another worker may have moved meanwhile: the merge must leave no period short.
        return merged.ObligationShortfall() == 0 ? merged : null;
    }

    /// <summary>A kind at random, favouring those that improved the plan most often.</summary>
    private NeighbourhoodKind Pick(NeighbourhoodKind[] kinds, Random random)
    {
        double[] weights;
        lock (_gate)
        {
            weights = [.. kinds.Select(k => 0.5 + ((double)_kinds[k].Improved / Math.Max(1, _kinds[k].Tried)))];
        }

        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < kinds.Length; i++)
        {
            roll -= weights[i];
            if (roll <= 0)
            {
                return kinds[i];
            }
        }

        return kinds[^1];
    }
}
