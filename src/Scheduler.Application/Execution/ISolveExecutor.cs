using Scheduler.Application.Comparing;
using Scheduler.Application.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Execution;

/// <summary>
/// Where plans and comparisons are solved: in this process (<see cref="LocalSolves"/>), or by the
/// serve nodes of a cluster sharing a PostgreSQL database (the cluster's executor). The choice is
/// made once, when a command or the serve host is composed; everything above it plans the same
/// way either way.
/// </summary>
public interface ISolveExecutor : IAsyncDisposable
{
    /// <summary>Plans <paramref name="job"/> to its end, stored as a run in <paramref name="database"/> (null: not stored, in this process only).</summary>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was stored (a run queued on the cluster is cancelled there: <see cref="RunsCancelledException"/>).</exception>
    Task<PlanResult> PlanAsync(SchedulerDatabase? database, PlanJob job, SolveWatch? watch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a comparison: in this process it is solved and stored before this returns; on the
    /// cluster its runs are queued and this returns at once, with the comparison to follow.
    /// </summary>
    Task<ComparisonStart> StartComparisonAsync(SchedulerDatabase? database, ComparisonJob job, CancellationToken cancellationToken = default);

    /// <summary>A comparison to its end: started, and when queued, followed until each of its runs has ended.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; nothing was stored (runs queued on the cluster are cancelled there: <see cref="RunsCancelledException"/>).</exception>
    Task<ComparisonResult> CompareAsync(SchedulerDatabase? database, ComparisonJob job, SolveWatch? watch, CancellationToken cancellationToken = default);
}

/// <summary>A started comparison: either finished (solved here) or queued on the cluster.</summary>
public sealed record ComparisonStart(ComparisonResult? Finished, QueuedComparison? Queued);
