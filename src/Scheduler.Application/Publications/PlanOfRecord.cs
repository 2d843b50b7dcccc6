using Scheduler.Storage;

namespace Scheduler.Application.Publications;

/// <summary>The run being published.</summary>
public static class PlanOfRecord
{
    /// <summary>The run adopted as the plan of record, with its plan; null before the first adoption.</summary>
    public static async Task<StoredRun?> FindAsync(SchedulerDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return await database.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false) is { } runId
            && await database.Runs.FindAsync(runId, cancellationToken).ConfigureAwait(false) is { PlanJson: not null } run
            ? run
            : null;
    }
}
