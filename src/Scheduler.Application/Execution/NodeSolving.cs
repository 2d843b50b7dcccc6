using Scheduler.Application.Planning;
using Scheduler.Publishing.Hosting;

namespace Scheduler.Application.Execution;

/// <summary>How this node solves the runs it takes: its name, how many at once, how often their progress is written, and the largest scenario it plans.</summary>
/// <param name="Node">This node among those sharing the database.</param>
/// <param name="Slots">Solves at once (0: a cluster node that solves nothing).</param>
/// <param name="ProgressInterval">How often a running solve's progress is written to the database.</param>
/// <param name="MemoryLimit">The memory a solve may use (<see cref="Solver.Planning.CandidateEstimate.DefaultMemoryLimit"/> but in tests).</param>
public sealed record NodeSolving(ServeNode Node, int Slots, TimeSpan ProgressInterval, long MemoryLimit)
{
    /// <summary>How each run is solved: with the node's cores divided among its slots, unless the run asks for a number.</summary>
    public SolveOptions RunOptions => new(ProgressInterval, SolverThreads.Sharing(Slots), MemoryLimit, Node.Name);
}
