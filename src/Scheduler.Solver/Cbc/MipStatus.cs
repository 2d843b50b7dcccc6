namespace Scheduler.Solver.Cbc;

/// <summary>How a solve ended.</summary>
public enum MipStatus
{
    /// <summary>A solution proven optimal within the requested relative gap.</summary>
    Optimal,

    /// <summary>A solution was found but the search stopped (time limit, or numerical trouble) before proving it optimal.</summary>
    Feasible,

    /// <summary>The model was proven to have no feasible solution.</summary>
    Infeasible,

    /// <summary>The search stopped (time limit, or numerical trouble) before finding any solution; feasibility is unknown.</summary>
    NoSolution,

    /// <summary>The linear relaxation is unbounded in the direction of the objective.</summary>
    Unbounded,
}
