using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Application.Execution;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

/// <summary>
/// Runs queued over HTTP on a cluster: each becomes a Quartz solve job in the shared store, which any
/// node with a free solve slot takes. A cancel ends the run in the database; the node solving it
/// sees that at its next progress report and stops.
/// </summary>
internal sealed class ClusterBackgroundSolves : IBackgroundSolves
{
    private readonly ISchedulerFactory _schedulers;
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly ILogger<ClusterBackgroundSolves> _logger;

    public ClusterBackgroundSolves(ISchedulerFactory schedulers, Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, ILogger<ClusterBackgroundSolves> logger)
    {
        _schedulers = schedulers;
        _openDatabase = openDatabase;
        _logger = logger;
    }

    public async Task SubmitAsync(long runId, CancellationToken cancellationToken = default)
    {
        await SolveJobs.QueueAsync(await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false), runId, cancellationToken).ConfigureAwait(false);
        _logger.RunQueued(runId);
    }

    public async Task<bool> CancelAsync(long runId, string actor, CancellationToken cancellationToken = default)
    {
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        var cancelled = await database.SolveQueue.EndAsync(runId, RunState.Cancelled, [$"cancelled by {actor}"], cancellationToken).ConfigureAwait(false);
        if (cancelled)
        {
            _logger.RunCancelled(runId, actor);
        }

        return cancelled;
    }
}
