namespace Scheduler.Application.Planning;

/// <summary>How many threads a solve that asks for no number is given: the machine's cores, shared among the solves running beside it.</summary>
public static class SolverThreads
{
    /// <param name="solvesAtOnce">Solves sharing the cores (a node's slots, a comparison's parallel variants); 1 for a solve alone.</param>
    public static int Sharing(int solvesAtOnce) => Math.Max(1, Environment.ProcessorCount / Math.Max(1, solvesAtOnce));
}
