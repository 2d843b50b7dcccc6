using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Application.Runs;

/// <summary>A stored run looked up for its plan: missing, without a verified plan, or with one.</summary>
/// <param name="Run">The run; null when there is none with the id.</param>
/// <param name="Plan">Its verified plan; null when it has none (still running, infeasible, failed verification).</param>
public sealed record StoredPlan(StoredRun? Run, Plan? Plan)
{
    /// <summary>Why the run has no plan, from its messages: empty, or <c>: message; message</c>.</summary>
    public string Why => Run is { Messages.IsEmpty: false } run ? $": {string.Join("; ", run.Messages)}" : "";

    public static async Task<StoredPlan> FindAsync(SchedulerDatabase database, long runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var run = await database.Runs.FindAsync(runId, cancellationToken).ConfigureAwait(false);
        return new StoredPlan(run, run?.PlanJson is { } json ? PlanJson.Read(json) : null);
    }
}
