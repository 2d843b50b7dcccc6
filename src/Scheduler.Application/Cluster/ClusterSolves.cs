using Quartz;
using Scheduler.Application.Comparing;
using Scheduler.Application.Execution;
using Scheduler.Application.Planning;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

/// <summary>
/// Solves on the cluster: the scenario is stored, each solve queued as a run with its Quartz job
/// (any serve node with a free slot takes it), and a caller that waits follows the runs in the
/// database until they end, then reads them back as a local solve would have given them, each
/// plan verified again here.
/// </summary>
public sealed partial class ClusterSolves : ISolveExecutor
{
    private readonly ISchedulerFactory _schedulers;
    private readonly TimeProvider _time;
    private readonly bool _ownsSchedulers;

    /// <param name="schedulers">The cluster's Quartz scheduler, to queue jobs with.</param>
    /// <param name="time">The clock of the polls.</param>
    /// <param name="ownsSchedulers">Dispose <paramref name="schedulers"/> with this executor (one made for a command, not a host's).</param>
    public ClusterSolves(ISchedulerFactory schedulers, TimeProvider time, bool ownsSchedulers = false)
    {
        _schedulers = schedulers ?? throw new ArgumentNullException(nameof(schedulers));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ownsSchedulers = ownsSchedulers;
    }

    public async Task<PlanResult> PlanAsync(SchedulerDatabase? database, PlanJob job, SolveWatch? watch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(job);
        if (job.Refusal is { } refusal)
        {
            return new PlanResult(PlanJob.Refused(refusal), null);
        }

        var scenarioId = await StoredScenarios.StoreAsync(database, job.Input.Document, cancellationToken).ConfigureAwait(false);
        var runId = await database.SolveQueue.QueueAsync(job.Queued(scenarioId), cancellationToken).ConfigureAwait(false);
        await SolveJobs.QueueAsync(await _schedulers.GetScheduler(CancellationToken.None).ConfigureAwait(false), runId, CancellationToken.None).ConfigureAwait(false); // a queued run always gets its job
        await WarnWithoutNodesAsync(watch).ConfigureAwait(false);
        await FollowAsync(database, [new RunLabel(runId, job.Input.VariantId ?? "base")], null, job.RequestedBy, watch, cancellationToken).ConfigureAwait(false);

        var run = (await database.Runs.FindAsync(runId, CancellationToken.None).ConfigureAwait(false))!;
        return run.State == RunState.Done
            ? new PlanResult(StoredOutcomes.Of(run, job.Input.Scenario), runId)
            : new PlanResult(null, runId) { EndedWithout = run.State, Messages = run.Messages };
    }

    public async Task<ComparisonStart> StartComparisonAsync(SchedulerDatabase? database, ComparisonJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(job);
        if (job.PlanJobOf(job.Base).Refusal is { } refusal)
        {
            return new ComparisonStart(new ComparisonResult(new Solver.Comparison.Comparison(PlanJob.Refused(refusal), []), job), null);
        }

        if (job.OtherFile)
        {
            throw new ArgumentException("The cluster compares the variants of one stored scenario, not another file.", nameof(job));
        }

        var scenarioId = await StoredScenarios.StoreAsync(database, job.Base.Document, cancellationToken).ConfigureAwait(false);
        return new ComparisonStart(null, await ClusterComparisons.QueueAsync(database, await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false), scenarioId, job, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ComparisonResult> CompareAsync(SchedulerDatabase? database, ComparisonJob job, SolveWatch? watch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var started = await StartComparisonAsync(database, job, cancellationToken).ConfigureAwait(false);
        if (started.Queued is not { } queued)
        {
            return started.Finished!;
        }

        if (watch is not null)
        {
            await watch.OnUpdate(new ComparisonQueued(queued.Id, [.. queued.RunIds])).ConfigureAwait(false);
        }

        await WarnWithoutNodesAsync(watch).ConfigureAwait(false);
        var labels = queued.Variants.Where(v => v.RunId is not null && v.RunId != queued.BaseRunId).Select(v => new RunLabel(v.RunId!.Value, $"variant {v.Variant}")).Prepend(new RunLabel(queued.BaseRunId, "base"));
        await FollowAsync(database, [.. labels], queued.Id, job.RequestedBy, watch, cancellationToken).ConfigureAwait(false);
        return (await ClusterComparisons.AssembleAsync(database, queued.Id, job.Base.Document, CancellationToken.None).ConfigureAwait(false))!;
    }

    public ValueTask DisposeAsync() => _ownsSchedulers && _schedulers is IAsyncDisposable owned ? owned.DisposeAsync() : ValueTask.CompletedTask;

    // Queued runs wait until a node starts: the caller is told when no node has checked in lately.
    private async Task WarnWithoutNodesAsync(SolveWatch? watch)
    {
        var scheduler = await _schedulers.GetScheduler(CancellationToken.None).ConfigureAwait(false);
        var nodes = await scheduler.QueryClusterNodes(CancellationToken.None).ConfigureAwait(false);
        if (watch is not null && !nodes.Any(n => !n.IsCurrentNode && n.State == ClusterNodeState.Alive))
        {
            await watch.OnUpdate(new NoNodeRunning()).ConfigureAwait(false);
        }
    }
}
