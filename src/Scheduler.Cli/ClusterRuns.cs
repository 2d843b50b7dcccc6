using System.Globalization;
using Quartz;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Solving;
using Scheduler.Storage;

namespace Scheduler.Cli;

/// <summary>
/// <c>--on-cluster</c>: runs queued as solve jobs in the cluster's Quartz store (the serve nodes
/// sharing a PostgreSQL database take them), then followed in the database until they end.
/// </summary>
internal static class ClusterRuns
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The cluster's scheduler, to write jobs with: this process never starts it, so it takes no job
    /// and is no node. Null, with the reason printed, when the database is not PostgreSQL.
    /// </summary>
    public static async Task<ClusterConnection?> ConnectAsync(CliContext context, SchedulerDatabase database, CancellationToken cancellationToken)
    {
        if (database.Target.Kind != DatabaseKind.Postgres)
        {
            await context.Error.WriteLineAsync($"--on-cluster needs the cluster's PostgreSQL database (--db postgres://...); {database.Display} is an SQLite file, which only one server uses.").ConfigureAwait(false);
            return null;
        }

        var factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.UseTimeProvider(context.Time);
            PublishingHost.UseClusterStore(q, database.Target, $"cli-{Environment.MachineName}-{Environment.ProcessId}", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        }).Build();
        return new ClusterConnection(factory, await factory.GetScheduler(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Waits until every run in <paramref name="labels"/> has ended, printing to standard error when
    /// one starts (and where) or ends, and with <paramref name="progress"/> its progress every second.
    /// Interrupted, it cancels the runs still going (the cluster stops solving them) and rethrows.
    /// </summary>
    public static async Task FollowAsync(CliContext context, SchedulerDatabase database, IReadOnlyDictionary<long, string> labels, bool progress, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<long, string>();
        try
        {
            while (true)
            {
                var open = 0;
                foreach (var (id, label) in labels)
                {
                    var run = (await database.Runs.FindAsync(id, cancellationToken).ConfigureAwait(false))!;
                    var state = run.State == RunStates.Running ? $"{run.State} on {run.Node} (attempt {run.Attempt})" : run.State;
                    if (!seen.TryGetValue(id, out var before) || before != state)
                    {
                        seen[id] = state;
                        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Run {id} ({label}): {state}{Ending(run)}")).ConfigureAwait(false);
                    }
                    else if (progress && run.State == RunStates.Running && RunProgress.Read(run.Progress) is { } report)
                    {
                        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Run {id} ({label}): {Line(report)}")).ConfigureAwait(false);
                    }

                    open += run.State is RunStates.Queued or RunStates.Running ? 1 : 0;
                }

                if (open == 0)
                {
                    return;
                }

                await Task.Delay(PollInterval, context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var id in labels.Keys)
            {
                await database.Runs.EndAsync(id, RunStates.Cancelled, [$"cancelled by {Database.Actor}: the command following it was interrupted"], CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    private static string Ending(StoredRun run) => run.State switch
    {
        RunStates.Done => $", {run.Status}",
        RunStates.Failed or RunStates.Cancelled when run.Messages.Length > 0 => $": {run.Messages[0]}",
        _ => "",
    };

    private static string Line(RunProgress report)
        => Commands.PlanCommand.ProgressLine(
            new Solver.Planning.PlanningProgress(report.Phase, report.Incumbent, report.Bound), TimeSpan.FromSeconds(report.ElapsedSeconds), TimeSpan.FromSeconds(report.TimeLimitSeconds));
}

/// <summary>The cluster's scheduler, never started, and what built it (disposed with it).</summary>
internal sealed class ClusterConnection(StandaloneSchedulerFactory factory, IScheduler scheduler) : IAsyncDisposable
{
    public IScheduler Scheduler { get; } = scheduler;

    /// <summary>Says so when no serve node has checked in lately: queued runs would wait until one starts.</summary>
    public async Task WarnWithoutNodesAsync(CliContext context, CancellationToken cancellationToken)
    {
        var nodes = await Scheduler.QueryClusterNodes(cancellationToken).ConfigureAwait(false);
        if (!nodes.Any(n => !n.IsCurrentNode && n.State == ClusterNodeState.Alive))
        {
            await context.Error.WriteLineAsync("No serve node of the cluster has checked in lately: the runs wait in the queue until one starts (Ctrl-C cancels them).").ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
