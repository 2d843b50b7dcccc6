using Google.OrTools.Sat;

namespace Scheduler.Solver.CpSat;

/// <summary>
/// Solves a release model with CP-SAT in this process, one native solver per call (so concurrent
/// calls are independent). Cancellation stops the search at once: CP-SAT's <c>StopSearch</c> is
/// safe from another thread, but a call made before the search has started is lost, so it is
/// repeated until the solve returns. <see cref="SearchSettings.Stop"/> stops it the same way, and the
/// search then answers with what it found.
/// </summary>
internal sealed class CpSatSearch : IModelSearch
{
    private static readonly TimeSpan StopRepeat = TimeSpan.FromMilliseconds(20);

    public SearchResult Solve(ReleaseModel model, SearchSettings settings, ISearchObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        var proto = model.Proto;
        proto.SolutionHint = null;
        proto.Assumptions.Clear();
        if (settings.Hint is { } hint)
        {
            var assignment = new PartialVariableAssignment();
            assignment.Vars.Add(Enumerable.Range(0, hint.Count));
            assignment.Values.Add(hint);
            proto.SolutionHint = assignment;
        }

        if (settings.Assumptions is { } assumptions)
        {
            proto.Assumptions.Add(assumptions);
        }

        var hasObjective = proto.Objective is not null;
        using var wrapper = new SolveWrapper();
        wrapper.SetStringParameters(settings.Parameters().ToString());
        using var solutions = new SolutionReporter(model, hasObjective ? observer : null, cancellationToken);
        using var bounds = new BoundReporter(model, hasObjective ? observer : null);
        wrapper.AddSolutionCallback(solutions);
        wrapper.AddBestBoundCallbackFromClass(bounds);

        var gate = new object();
        var finished = false;
        Timer? repeater = null;
        void Stop(object? state)
        {
            lock (gate)
            {
                if (!finished)
                {
                    wrapper.StopSearch();
                }
            }
        }

        CpSolverResponse response;
        void Repeat()
        {
            // A cancel and a stop may both come: one timer repeats the stop.
            var timer = new Timer(Stop, null, Timeout.Infinite, Timeout.Infinite);
            if (Interlocked.CompareExchange(ref repeater, timer, null) is null)
            {
                timer.Change(TimeSpan.Zero, StopRepeat);
            }
            else
            {
                timer.Dispose();
            }
        }

        using (cancellationToken.Register(Repeat))
        using (settings.Stop.Register(Repeat))
        {
            try
            {
                response = wrapper.Solve(proto);
            }
            finally
            {
                lock (gate)
                {
                    finished = true;
                }
            }
        }

        repeater?.Dispose();
        wrapper.ClearSolutionCallback(solutions);
        cancellationToken.ThrowIfCancellationRequested();
        return Result(model, response, hasObjective);
    }

    private static SearchResult Result(ReleaseModel model, CpSolverResponse response, bool hasObjective)
    {
        var status = response.Status switch
        {
            CpSolverStatus.Optimal => SearchStatus.Optimal,
            CpSolverStatus.Feasible => SearchStatus.Feasible,
            CpSolverStatus.Infeasible => SearchStatus.Infeasible,
            CpSolverStatus.Unknown => SearchStatus.Unknown,
            _ => throw new InvalidOperationException($"CP-SAT rejected the model ({response.Status}): {CpSatHelper.ValidateModel(model.Proto)}"),
        };
        var hasSolution = status is SearchStatus.Optimal or SearchStatus.Feasible && response.Solution.Count > 0;

        // A search stopped before it found anything (a stop in presolve, a limit too short for the
        // model) answers Unknown with a bound of 0, which bounds nothing: only a search with a
        // solution gives a bound.
        var bound = hasObjective && hasSolution && double.IsFinite(response.BestObjectiveBound)
            ? model.Scale.ToExact(response.BestObjectiveBound)
            : (double?)null;
        return new SearchResult(
            status,
            hasSolution ? [.. response.Solution] : null,
            hasSolution && hasObjective ? model.Scale.ToExact(response.ObjectiveValue) : null,
            bound,
            TimeSpan.FromSeconds(response.WallTime),
            [.. response.SufficientAssumptionsForInfeasibility])
        {
            Work = TimeSpan.FromSeconds(response.DeterministicTime / SearchSettings.WorkPerSecond),
        };
    }

    /// <summary>Passes each better solution on, and stops the search from inside when cancelled.</summary>
    private sealed class SolutionReporter(ReleaseModel model, ISearchObserver? observer, CancellationToken cancellationToken) : SolutionCallback
    {
        public override void OnSolutionCallback()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                StopSearch();
                return;
            }

            observer?.Improved(model.Scale.ToExact(ObjectiveValue()), model.Scale.ToExact(BestObjectiveBound()));
        }
    }

    private sealed class BoundReporter(ReleaseModel model, ISearchObserver? observer) : BestBoundCallback
    {
        public override void NewBestBound(double bound) => observer?.Improved(null, model.Scale.ToExact(bound));
    }
}
