using Scheduler.Solver.Planning;

namespace Scheduler.Application.Planning;

/// <summary>
/// Runs planning on a thread of its own (CP-SAT's native search must not hold a pool thread for
/// minutes) while telling a watcher its progress at an interval. When the caller is cancelled, or
/// the watcher fails (a database that stops answering a progress report), the solver is stopped
/// before this returns: a node must not free a solve slot, nor hand a run back, while its search
/// still holds the cores. A command that must exit at once gives the solver a moment only
/// (CP-SAT stops within milliseconds of being asked), so that the process never exits while a
/// native search still calls back into it.
/// </summary>
public static class SolverThread
{
    /// <param name="solve">The planning, given its progress sink and its stop.</param>
    /// <param name="timeLimit">The solve's time limit, for the updates.</param>
    /// <param name="watch">Who hears of the progress; null for nobody.</param>
    /// <param name="time">The clock of the intervals and the elapsed time.</param>
    /// <param name="cancellationToken">Stops the solve.</param>
    /// <param name="settleTime">How long a stopped solver is waited for; null waits until it has stopped.</param>
    /// <exception cref="OperationCanceledException">The solve was cancelled.</exception>
    public static async Task<T> RunAsync<T>(
        Func<IProgress<PlanningProgress>, CancellationToken, T> solve,
        TimeSpan timeLimit,
        SolveWatch? watch,
        TimeProvider time,
        CancellationToken cancellationToken,
        TimeSpan? settleTime = null)
    {
        ArgumentNullException.ThrowIfNull(solve);
        ArgumentNullException.ThrowIfNull(time);

        // Disposed only once the solve has ended: a search still stopping holds its token.
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var latest = new LatestProgress();
        var started = time.GetTimestamp();
        var solving = Task.Factory.StartNew(() => solve(latest, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // One update after each interval, the last one as the solve ends within it.
            while (watch is { Progress: true } && !solving.IsCompleted)
            {
                await Task.WhenAny(solving, Task.Delay(watch.Interval, time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                await watch.OnUpdate(new SolveProgress(latest.Value, time.GetElapsedTime(started), timeLimit)).ConfigureAwait(false);
            }

            return await solving.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (!solving.IsCompleted)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(solving, Task.Delay(settleTime ?? Timeout.InfiniteTimeSpan, CancellationToken.None)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (solving.IsCompleted)
            {
                stop.Dispose();
            }
        }
    }

    /// <summary>Keeps the last progress the planner reported, for the next update (no callback per report).</summary>
    private sealed class LatestProgress : IProgress<PlanningProgress>
    {
        private PlanningProgress _value = new("starting", null, null);

        public PlanningProgress Value => Volatile.Read(ref _value);

        public void Report(PlanningProgress value) => Volatile.Write(ref _value, value);
    }
}
