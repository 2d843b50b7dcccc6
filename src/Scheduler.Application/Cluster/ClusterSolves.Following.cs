using Scheduler.Application.Execution;
using Scheduler.Application.Planning;
using Scheduler.Application.Runs;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

// Following runs queued on the cluster: one look at each every poll, until every one has ended.
public sealed partial class ClusterSolves
{
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until every run of <paramref name="runs"/> has ended, telling the watcher when one
    /// changes state (taken by a node, ended) and, when it asks for progress, how each running one
    /// goes. Interrupted, it cancels the runs still going (the cluster stops solving them).
    /// </summary>
    /// <exception cref="RunsCancelledException">Interrupted; the runs were cancelled.</exception>
    private async Task FollowAsync(SchedulerDatabase database, IReadOnlyList<RunLabel> runs, long? comparisonId, string? actor, SolveWatch? watch, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<long, (RunState State, long Attempt)>();
        try
        {
            while (true)
            {
                var open = 0;
                foreach (var label in runs)
                {
                    var run = (await database.Runs.FindAsync(label.Id, cancellationToken).ConfigureAwait(false))!;
                    var state = (run.State, run.Attempt);
                    if (!seen.TryGetValue(label.Id, out var before) || before != state)
                    {
                        seen[label.Id] = state;
                        if (run.State.HasEnded() && run.Node is not null && before != (RunState.Running, run.Attempt))
                        {
                            // A short solve can start and end between two polls: the caller still learns which node took it.
                            await TellAsync(watch, new RunStateChanged(label, run with { State = RunState.Running })).ConfigureAwait(false);
                        }

                        await TellAsync(watch, new RunStateChanged(label, run)).ConfigureAwait(false);
                    }
                    else if (watch is { Progress: true } && run.State == RunState.Running && RunProgress.Read(run.Progress) is { } report)
                    {
                        await TellAsync(watch, new SolveProgress(
                            new PlanningProgress(report.Phase, report.Incumbent, report.Bound),
                            TimeSpan.FromSeconds(report.ElapsedSeconds),
                            TimeSpan.FromSeconds(report.TimeLimitSeconds),
                            label)).ConfigureAwait(false);
                    }

                    open += run.State.HasEnded() ? 0 : 1;
                }

                if (open == 0)
                {
                    return;
                }

                await Task.Delay(watch?.Interval ?? DefaultPoll, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var run in runs)
            {
                await database.SolveQueue.EndAsync(run.Id, RunState.Cancelled, [$"cancelled by {actor ?? "the caller"}: the command following it was interrupted"], CancellationToken.None).ConfigureAwait(false);
            }

            throw new RunsCancelledException([.. runs.Select(r => r.Id)], comparisonId, cancellationToken);
        }
    }

    private static Task TellAsync(SolveWatch? watch, SolveUpdate update) => watch?.OnUpdate(update) ?? Task.CompletedTask;
}
