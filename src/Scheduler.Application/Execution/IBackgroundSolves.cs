namespace Scheduler.Application.Execution;

/// <summary>
/// Where stored runs queued for later (over HTTP) are solved: in the background of this process,
/// or by any node of the cluster. Chosen with the <see cref="ISolveExecutor"/>, when the serve host is composed.
/// </summary>
public interface IBackgroundSolves
{
    /// <summary>Has the stored run <paramref name="runId"/> (state queued) solved when a slot is free.</summary>
    Task SubmitAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued or running run; false when it had already ended. A running one stops its solver and is stored as cancelled, without a plan.</summary>
    Task<bool> CancelAsync(long runId, string actor, CancellationToken cancellationToken = default);
}
