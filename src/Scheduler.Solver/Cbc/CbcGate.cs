namespace Scheduler.Solver.Cbc;

/// <summary>
/// Lets one thread at a time use CBC. CBC's solver driver (CbcMain0/CbcMain1, behind
/// <c>Cbc_newModel</c> and <c>Cbc_solve</c>) keeps state in file-level statics of the shared
/// library, so two models solved at once corrupt each other even though each has its own handle.
/// </summary>
#pragma warning disable CA1001 // The semaphore lives as long as the process (see Process) and never allocates a wait handle.
internal sealed class CbcGate
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    private CbcGate()
    {
    }

    /// <summary>
    /// The only gate. The state it protects is per process (one copy of libCbcSolver per
    /// process), so the gate is a process-wide singleton too; a second instance, injected or
    /// not, would silently let solves overlap.
    /// </summary>
    public static CbcGate Process { get; } = new();

    /// <summary>Blocks until no other CBC call is running; dispose the result to let the next one in.</summary>
    public Lease Enter(CancellationToken cancellationToken)
    {
        _semaphore.Wait(cancellationToken);
        return new Lease(_semaphore);
    }

    internal readonly struct Lease(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
