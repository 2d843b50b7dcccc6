using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Application.Execution;
using Scheduler.Application.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

/// <summary>
/// One queued run solved by whichever node of the cluster takes it (<see cref="SolveJobs"/>). A
/// node that dies mid-solve leaves the job to another (it requests recovery), which takes the run
/// over and solves it again from the start; the attempt guard stores it once. A node that stops
/// hands its solve back to the cluster. The base of an anchored comparison, once ended, queues its variants.
/// </summary>
public sealed class SolveRunJob : IJob
{
    /// <summary>The job group, and the execution group whose per-node limit is the node's solve slots.</summary>
    public const string Group = "solve";

    /// <summary>The job data entry holding the run id.</summary>
    public const string RunIdKey = "runId";

    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly RunSolver _solver;
    private readonly NodeSolving _solving;
    private readonly SolveHandBack _handBack;
    private readonly ILogger<SolveRunJob> _logger;

    public SolveRunJob(Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, RunSolver solver, NodeSolving solving, SolveHandBack handBack, ILogger<SolveRunJob> logger)
    {
        _openDatabase = openDatabase;
        _solver = solver;
        _solving = solving;
        _handBack = handBack;
        _logger = logger;
    }

    public static JobKey KeyFor(long runId) => new(string.Create(CultureInfo.InvariantCulture, $"run-{runId}"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runId = long.Parse(context.MergedJobDataMap.GetString(RunIdKey)!, CultureInfo.InvariantCulture);
        using var solving = _handBack.Enter();
        var stopping = _handBack.Stopping;
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        if (stopping.IsCancellationRequested)
        {
            // A recovery firing must take the run from the dead node first: the next node's firing is no recovery.
            if (context.Recovering && await database.SolveQueue.TakeAsync(runId, _solving.Node.Name, recovering: true, CancellationToken.None).ConfigureAwait(false) is { } taken)
            {
                await database.SolveQueue.RequeueAsync(taken, CancellationToken.None).ConfigureAwait(false);
            }

            await HandBackAsync(context, runId).ConfigureAwait(false);
            return;
        }

        if (await database.SolveQueue.TakeAsync(runId, _solving.Node.Name, context.Recovering, cancellationToken).ConfigureAwait(false) is { } attempt)
        {
            _logger.LogInformation("Run {Run}: attempt {Attempt} on node {Node}{Recovered}", runId, attempt.Attempt, _solving.Node, context.Recovering ? " (taken over from a node taken for dead)" : "");
            if (!await SolveAsync(database, attempt, cancellationToken).ConfigureAwait(false))
            {
                await HandBackAsync(context, runId).ConfigureAwait(false);
                return;
            }
        }

        await SolveJobs.QueueFollowersAsync(database, context.Scheduler, runId, cancellationToken).ConfigureAwait(false);
    }

    // False when the node is stopping and the run went back to the queue.
    private async Task<bool> SolveAsync(SchedulerDatabase database, RunAttempt attempt, CancellationToken cancellationToken)
    {
        var stopping = _handBack.Stopping;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        try
        {
            await _solver.SolveAsync(database, attempt, _solving.RunOptions, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            return !await database.SolveQueue.RequeueAsync(attempt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped because the run was cancelled or taken over elsewhere; under this attempt this changes nothing then.
            await database.SolveQueue.EndAsync(attempt, RunState.Cancelled, ["cancelled while solving; no plan was stored"], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Run {Run} failed", attempt.RunId);
            await database.SolveQueue.EndAsync(attempt, RunState.Failed, [$"internal error: {ex.Message}"], CancellationToken.None).ConfigureAwait(false);
        }

        return true;
    }

    // This node stops (and takes no more triggers): the run is queued again for the others. Not
    // cancellable: a run back in the queue must get its trigger (the sweep of any node would find it otherwise).
    private async Task HandBackAsync(IJobExecutionContext context, long runId)
    {
        await context.Scheduler.ScheduleJob(SolveJobs.TriggerFor(runId), cancellationToken: CancellationToken.None).ConfigureAwait(false);
        _logger.LogInformation("Run {Run} handed back to the cluster: node {Node} is stopping", runId, _solving.Node);
    }
}
