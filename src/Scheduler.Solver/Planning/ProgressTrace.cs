using Scheduler.Core.Plans;
using Scheduler.Solver.Neighbourhoods;

namespace Scheduler.Solver.Planning;

/// <summary>
/// Keeps the best objective and the best bound known during a run, tells the caller's progress
/// whenever either improves, and records each improvement for the plan's diagnostics. Called from
/// the solver's threads.
/// </summary>
internal sealed class ProgressTrace : INeighbourhoodObserver
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly IProgress<PlanningProgress>? _progress;
    private readonly List<ProgressPoint> _points = [];
    private string _phase = "starting";
    private double? _incumbent;
    private double? _bound;
    private NeighbourhoodCounts? _neighbourhoods;

    public ProgressTrace(TimeProvider time, long started, IProgress<PlanningProgress>? progress)
    {
        _time = time;
        _started = started;
        _progress = progress;
    }

    /// <summary>
    /// Set while a best-effort search runs: its objective carries the priorities' weights, which are
    /// not a plan's objective, so improvements are not reported (the phases still are).
    /// </summary>
    public bool Weighted { get; set; }

    public IReadOnlyList<ProgressPoint> Points
    {
        get
        {
            lock (_gate)
            {
                return [.. _points];
            }
        }
    }

    public void Neighbourhoods(int tried, int improved)
    {
        lock (_gate)
        {
            _neighbourhoods = new NeighbourhoodCounts(tried, improved);
        }

        Report();
    }

    /// <summary>Forgets every objective and bound known (they were of another problem: the whole slate, before best effort) and enters <paramref name="phase"/>.</summary>
    public void Restart(string phase)
    {
        lock (_gate)
        {
            (_incumbent, _bound) = (null, null);
            _points.Clear();
        }

        Phase(phase);
    }

    public void Phase(string phase)
    {
        lock (_gate)
        {
            _phase = phase;
        }

        Report();
    }

    /// <summary>A plan's objective or a bound, kept when better than what is known.</summary>
    public void Improved(double? incumbent, double? bound)
    {
        if (Weighted)
        {
            return;
        }

        lock (_gate)
        {
            var better = false;
            if (incumbent is { } i && (_incumbent is null || i > _incumbent))
            {
                _incumbent = i;
                better = true;
            }

            if (bound is { } b && (_bound is null || b < _bound))
            {
                _bound = b;
                better = true;
            }

            if (!better)
            {
                return;
            }

            _points.Add(new ProgressPoint(_time.GetElapsedTime(_started).TotalSeconds, _incumbent, _bound));
        }

        Report();
    }

    private void Report()
    {
        PlanningProgress snapshot;
        lock (_gate)
        {
            snapshot = new PlanningProgress(_phase, _incumbent, _bound) { Neighbourhoods = _neighbourhoods };
        }

        _progress?.Report(snapshot);
    }
}
