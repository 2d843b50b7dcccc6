namespace Scheduler.Solver.Cbc;

/// <summary>Solves a <see cref="MipModel"/>: in this process, or in a worker process that can be stopped at any moment.</summary>
public interface IMipSolver
{
    MipResult Solve(MipModel model, CbcOptions options, CancellationToken cancellationToken = default);
}
