namespace Scheduler.Web.Runs;

/// <summary>Where the runs queued over HTTP are solved: in this process (<see cref="PlanQueue"/>) or by any node of the cluster (<see cref="ClusterQueue"/>).</summary>
internal interface IRunQueue
{
    /// <summary>Has the stored run <paramref name="runId"/> (state queued) solved when a slot is free.</summary>
    Task SubmitAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a queued or running run; false when it had already ended. A running one stops its solver and is stored as cancelled, without a plan.</summary>
    Task<bool> CancelAsync(long runId, string actor, CancellationToken cancellationToken = default);
}
