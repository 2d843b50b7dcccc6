using Quartz;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

/// <summary>Queues stored runs as <see cref="SolveRunJob"/>s in the cluster's Quartz store.</summary>
public static class SolveJobs
{
    /// <summary>
    /// Queues the solve of stored run <paramref name="runId"/> (state queued): a durable-until-done job
    /// that requests recovery, fired at once on a node with a free solve slot. Nothing happens when
    /// the run's job is in the store already.
    /// </summary>
    public static async Task QueueAsync(IScheduler scheduler, long runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var key = SolveRunJob.KeyFor(runId);
        if (await scheduler.Exists(key, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var job = JobBuilder.Create<SolveRunJob>()
            .WithIdentity(key)
            .UsingJobData(SolveRunJob.RunIdKey, runId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .StoreDurably(false)
            .RequestRecovery()
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, TriggerFor(runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Queued meanwhile by another node: one job is enough.
        }
    }

    /// <summary>A trigger that fires run <paramref name="runId"/>'s job now, counted against the node's solve slots.</summary>
    public static ITrigger TriggerFor(long runId)
        => TriggerBuilder.Create()
            .ForJob(SolveRunJob.KeyFor(runId))
            .WithIdentity($"{SolveRunJob.KeyFor(runId).Name}-{Guid.NewGuid():N}", SolveRunJob.Group)
            .WithExecutionGroup(SolveRunJob.Group)
            .StartNow()
            .Build();

    /// <summary>
    /// When <paramref name="runId"/> is the base of an anchored comparison and has ended, queues the
    /// variants waiting for it (they start from its plan); a cancelled base cancels them. Safe to repeat.
    /// </summary>
    public static async Task QueueFollowersAsync(SchedulerDatabase database, IScheduler scheduler, long runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (await database.Runs.FindAsync(runId, cancellationToken).ConfigureAwait(false) is not { Variant: null, ComparisonId: { } comparisonId } baseRun
            || baseRun.State is RunState.Queued or RunState.Running
            || await database.Comparisons.FindAsync(comparisonId, cancellationToken).ConfigureAwait(false) is not { Anchored: true })
        {
            return;
        }

        foreach (var follower in await database.SolveQueue.OfComparisonAsync(comparisonId, cancellationToken).ConfigureAwait(false))
        {
            if (follower.Variant is null || follower.State != RunState.Queued)
            {
                continue;
            }

            if (baseRun.State == RunState.Cancelled)
            {
                await database.SolveQueue.EndAsync(follower.RunId, RunState.Cancelled, ["the comparison's base was cancelled"], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await QueueAsync(scheduler, follower.RunId, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
