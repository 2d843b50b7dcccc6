using Microsoft.Extensions.Logging;
using Scheduler.Storage;

namespace Scheduler.Application.Runs;

/// <summary>What came of asking a run to finish now.</summary>
public enum FinishAnswer
{
    /// <summary>The node solving it finishes with its best plan at its next progress report.</summary>
    Finishing,

    /// <summary>There is no such run.</summary>
    NotFound,

    /// <summary>Still queued: it has no plan to keep yet (cancel it instead).</summary>
    NotStarted,

    /// <summary>It has ended already.</summary>
    Ended,
}

/// <summary>
/// A planner's "finish now" (Stop, as against Cancel): a running run ends as if its time limit had
/// come, done with the best plan found so far, verified and stored. The request is written to the
/// run in the database, so that it reaches the node solving it, on a single server and on a cluster
/// alike; that node reads it with its next progress report.
/// </summary>
public static class RunFinishing
{
    public static async Task<(FinishAnswer Answer, StoredRun? Run)> RequestAsync(
        SchedulerDatabase database, long runId, string actor, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(logger);
        if (await database.Runs.FindAsync(runId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return (FinishAnswer.NotFound, null);
        }

        if (run.State == RunState.Queued)
        {
            return (FinishAnswer.NotStarted, run);
        }

        if (!await database.SolveQueue.RequestFinishAsync(runId, actor, cancellationToken).ConfigureAwait(false))
        {
            // Ended between the two reads, or already.
            return (FinishAnswer.Ended, await database.Runs.FindAsync(runId, cancellationToken).ConfigureAwait(false) ?? run);
        }

        logger.RunFinishAsked(runId, actor);
        return (FinishAnswer.Finishing, run);
    }
}
