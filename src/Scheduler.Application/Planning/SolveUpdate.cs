using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Planning;

/// <summary>What a caller watching solves is told while they run.</summary>
public abstract record SolveUpdate;

/// <summary>
/// How a solve is going: its phase, the best plan's objective and the bound so far, the time spent
/// and allowed; and for a run solved on the cluster, the run and how the caller named it (null for
/// a solve in this process).
/// </summary>
public sealed record SolveProgress(PlanningProgress Progress, TimeSpan Elapsed, TimeSpan TimeLimit, RunLabel? Run = null) : SolveUpdate;

/// <summary>A run queued on the cluster changed state (queued, taken by a node, ended).</summary>
public sealed record RunStateChanged(RunLabel Run, StoredRun Stored) : SolveUpdate;

/// <summary>A comparison was queued on the cluster, as these runs.</summary>
public sealed record ComparisonQueued(long ComparisonId, IReadOnlyList<long> RunIds) : SolveUpdate;

/// <summary>No serve node of the cluster has checked in lately: queued runs wait until one starts.</summary>
public sealed record NoNodeRunning : SolveUpdate;

/// <summary>A stored run and the name a caller gives it (<c>base</c>, <c>variant wc-final</c>).</summary>
public sealed record RunLabel(long Id, string Name);

/// <summary>How often a caller wants to hear of a solve, and what it does with each update.</summary>
/// <param name="Interval">Between two progress updates (for runs on the cluster: between two looks at the database).</param>
/// <param name="OnUpdate">Told each update; an exception from it stops the solve.</param>
public sealed record SolveWatch(TimeSpan Interval, Func<SolveUpdate, Task> OnUpdate)
{
    /// <summary>False: only what is not progress (state changes, notices).</summary>
    public bool Progress { get; init; } = true;
}
