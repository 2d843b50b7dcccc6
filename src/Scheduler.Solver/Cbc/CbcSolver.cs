using System.Diagnostics;

namespace Scheduler.Solver.Cbc;

/// <summary>
/// Solves and exports <see cref="MipModel"/>s with COIN-OR CBC (libCbcSolver.so.3, 2.10).
/// </summary>
/// <remarks>
/// Safe to use from any number of threads, but CBC itself runs one call at a time per process:
/// concurrent callers queue (see <see cref="CbcGate"/>). Each call builds a fresh native
/// model and frees it before returning, so nothing native outlives a call.
/// </remarks>
public sealed class CbcSolver : IMipSolver
{
    private readonly CbcGate _gate = CbcGate.Process;

    /// <summary>Solves <paramref name="model"/>.</summary>
    /// <remarks>
    /// Cancellation is honoured while queueing and, once branch and bound is under way, at the
    /// next node of the tree. CBC's C interface offers nothing that could interrupt the root LP,
    /// preprocessing or root heuristics, so a cancelled solve keeps the thread until those end;
    /// the root LP ignores <see cref="CbcOptions.TimeLimit"/> as well. A cancelled solve throws
    /// and its incumbent is lost.
    /// </remarks>
    /// <exception cref="OperationCanceledException">The token fired before or during the solve.</exception>
    public MipResult Solve(MipModel model, CbcOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MipStart is { } start && start.Count != model.ColumnCount)
        {
            throw new ArgumentException(
                $"The MIP start has {start.Count} values but the model has {model.ColumnCount} columns.", nameof(options));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var input = CbcInput.ForSolve(model);
        using var lease = _gate.Enter(cancellationToken);
        var clock = Stopwatch.StartNew();
        using var handle = CbcModelLoader.Load(input);
        CbcParameters.Apply(handle, options);
        if (options.MipStart is { } values)
        {
            CbcMipStart.Apply(handle, model, values);
        }

        using (CbcCancellation.Register(handle, cancellationToken))
        using (SignalGuard.Start())
        {
            CbcNative.Cbc_solve(handle);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return CbcResultReader.Read(handle, input, clock.Elapsed);
    }

    /// <summary>Writes <paramref name="model"/> as a (free or fixed) MPS file at exactly <paramref name="path"/>, uncompressed.</summary>
    /// <remarks>
    /// A maximisation is written as minimising the negated objective (MPS has no portable sense
    /// marker). Numbers are limited to about 12 significant digits by the fixed field width.
    /// </remarks>
    public void WriteMps(MipModel model, string path) => Write(model, path, CbcFileWriter.WriteMps);

    /// <summary>Writes <paramref name="model"/> as a CPLEX-style LP file at exactly <paramref name="path"/>.</summary>
    /// <remarks>
    /// Meant for reading, not exchange: a maximisation appears as "Minimize" with negated
    /// coefficients, and CBC's LP writer drops coefficients below 1e-5 in magnitude and prints
    /// values within 1e-5 of an integer as that integer. Prefer MPS for exact round trips.
    /// </remarks>
    public void WriteLp(MipModel model, string path) => Write(model, path, CbcFileWriter.WriteLp);

    private void Write(MipModel model, string path, Action<CbcModelHandle, string> write)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        MipNames.EnsureUnique(model.ColumnNames, "column");
        MipNames.EnsureUnique(model.RowNames, "row");
        var input = CbcInput.ForExport(model);
        using var lease = _gate.Enter(CancellationToken.None);
        using var handle = CbcModelLoader.Load(input);
        write(handle, path);
    }
}
