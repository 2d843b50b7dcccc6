using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Application.Execution;
using Scheduler.Application.Planning;
using Scheduler.Publishing.Resilience;
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

    /// <summary>How long a stopping node tries to hand a run back while the database does not answer; the sweep of any node finds it otherwise.</summary>
    private static readonly TimeSpan HandBackPatience = TimeSpan.FromSeconds(20);

    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly DatabaseRetries _retries;
    private readonly RunSolver _solver;
    private readonly NodeSolving _solving;
    private readonly SolveHandBack _handBack;
    private readonly ILogger<SolveRunJob> _logger;

    public SolveRunJob(
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        DatabaseRetries retries,
        RunSolver solver,
        NodeSolving solving,
        SolveHandBack handBack,
        ILogger<SolveRunJob> logger)
    {
        _openDatabase = openDatabase;
        _retries = retries;
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
        using var working = CancellationTokenSource.CreateLinkedTokenSource(_handBack.Stopping, cancellationToken);
        if (working.IsCancellationRequested)
        {
            await HandBackAsync(context, runId, taken: null).ConfigureAwait(false);
            return;
        }

        RunAttempt? attempt;
        try
        {
            attempt = await _retries.RunAsync(
                WorkKind.Solve, _openDatabase, (database, token) => database.SolveQueue.TakeAsync(runId, _solving.Node.Name, context.Recovering, token), working.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested)
        {
            // The node stops before the run was taken (perhaps while the database did not answer).
            await HandBackAsync(context, runId, taken: null).ConfigureAwait(false);
            return;
        }

        if (attempt is not null)
        {
            if (context.Recovering)
            {
                _logger.RunTakenOver(runId, attempt.Attempt, _solving.Node.Name);
            }

            if (!await SolveAsync(attempt, working).ConfigureAwait(false))
            {
                await HandBackAsync(context, runId, attempt).ConfigureAwait(false);
                return;
            }
        }

        await _retries.RunAsync(
            WorkKind.Solve, _openDatabase, (database, token) => SolveJobs.QueueFollowersAsync(database, context.Scheduler, runId, token), working.Token).ConfigureAwait(false);
    }

    // False when the node is stopping: the run is to be handed back.
    private async Task<bool> SolveAsync(RunAttempt attempt, CancellationTokenSource working)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(working.Token);
        try
        {
            await _solver.SolveAsync(attempt, _solving.RunOptions, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            // Stopped because the run was cancelled or taken over elsewhere; under this attempt this changes nothing then.
            await EndAsync(attempt, RunState.Cancelled, "cancelled while solving; no plan was stored", working.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.RunFailed(ex, attempt.RunId);
            await EndAsync(attempt, RunState.Failed, $"internal error: {ex.Message}", working.Token).ConfigureAwait(false);
        }

        return true;
    }

    private Task<bool> EndAsync(RunAttempt attempt, RunState state, string reason, CancellationToken cancellationToken)
        => _retries.RunAsync(WorkKind.Solve, _openDatabase, (database, _) => database.SolveQueue.EndAsync(attempt, state, [reason], CancellationToken.None), cancellationToken);

    // This node stops (and takes no more triggers): the run is queued again for the others, when the
    // database answers within the patience; otherwise the sweep of a node finds it (running without a
    // job, or queued without one). A recovery firing takes the run from the dead node first: the next
    // node's firing is no recovery.
    private async Task HandBackAsync(IJobExecutionContext context, long runId, RunAttempt? taken)
    {
        using var patience = new CancellationTokenSource(HandBackPatience);
        try
        {
            var queuedAgain = await _retries.RunAsync(
                WorkKind.Solve,
                _openDatabase,
                async (database, _) =>
                {
                    if (taken is not null)
                    {
                        // False when the run ended, or was taken over, meanwhile: nothing to hand back then.
                        return await database.SolveQueue.RequeueAsync(taken, CancellationToken.None).ConfigureAwait(false);
                    }

                    if (context.Recovering && await database.SolveQueue.TakeAsync(runId, _solving.Node.Name, recovering: true, CancellationToken.None).ConfigureAwait(false) is { } recovered)
                    {
                        await database.SolveQueue.RequeueAsync(recovered, CancellationToken.None).ConfigureAwait(false);
                    }

                    return true;
                },
                patience.Token).ConfigureAwait(false);
            if (!queuedAgain)
            {
                return;
            }

            await context.Scheduler.ScheduleJob(SolveJobs.TriggerFor(runId), cancellationToken: patience.Token).ConfigureAwait(false);
            _logger.RunHandedBack(runId, _solving.Node.Name);
        }
        catch (Exception ex) when (ex is OperationCanceledException || DatabaseFaults.IsTransient(ex))
        {
            _logger.RunHandBackFailed(runId);
        }
    }
}
