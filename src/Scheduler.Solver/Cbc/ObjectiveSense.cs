namespace Scheduler.Solver.Cbc;

/// <summary>Whether the objective is to be made as small or as large as possible.</summary>
public enum ObjectiveSense
{
    Minimize,
    Maximize,
}
