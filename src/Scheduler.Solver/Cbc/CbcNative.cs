using System.Runtime.InteropServices;

namespace Scheduler.Solver.Cbc;

/// <summary>
/// The subset of CBC 2.10's C interface (<c>coin/Cbc_C_Interface.h</c>) this project uses.
/// </summary>
/// <remarks>
/// <c>CoinBigIndex</c> is <c>int</c> in Debian's build (COIN_BIG_INDEX unset), so column starts
/// are <c>int</c>. C <c>char</c> arguments are passed as <see cref="byte"/>. Strings CBC returns
/// point into its own storage, so they come back as <see cref="nint"/> and are never freed here.
/// Nothing in CBC is safe to call from two threads at once; go through <see cref="CbcGate"/>.
/// </remarks>
internal static unsafe partial class CbcNative
{
    private const string Library = "libCbcSolver.so.3";

    [LibraryImport(Library)]
    internal static partial nint Cbc_getVersion();

    [LibraryImport(Library)]
    internal static partial CbcModelHandle Cbc_newModel();

    [LibraryImport(Library)]
    internal static partial void Cbc_deleteModel(nint model);

    [LibraryImport(Library)]
    internal static partial void Cbc_loadProblem(
        CbcModelHandle model,
        int numCols,
        int numRows,
        ReadOnlySpan<int> start,
        ReadOnlySpan<int> index,
        ReadOnlySpan<double> value,
        ReadOnlySpan<double> colLower,
        ReadOnlySpan<double> colUpper,
        ReadOnlySpan<double> objective,
        ReadOnlySpan<double> rowLower,
        ReadOnlySpan<double> rowUpper);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Cbc_setColName(CbcModelHandle model, int column, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Cbc_setRowName(CbcModelHandle model, int row, string name);

    [LibraryImport(Library)]
    internal static partial void Cbc_setInteger(CbcModelHandle model, int column);

    /// <summary>1 minimises, -1 maximises.</summary>
    [LibraryImport(Library)]
    internal static partial void Cbc_setObjSense(CbcModelHandle model, double sense);

    /// <summary>Queues <c>-name value</c> for CBC's command-line parser, which runs inside <see cref="Cbc_solve"/>.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Cbc_setParameter(CbcModelHandle model, string name, string value);

    [LibraryImport(Library)]
    internal static partial void Cbc_setMIPStartI(
        CbcModelHandle model, int count, ReadOnlySpan<int> columns, ReadOnlySpan<double> values);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Cbc_addCutCallback(
        CbcModelHandle model, delegate* unmanaged<nint, nint, nint, void> callback, string name, nint appData);

    [LibraryImport(Library)]
    internal static partial int Cbc_solve(CbcModelHandle model);

    [LibraryImport(Library)]
    internal static partial int Cbc_getNumCols(CbcModelHandle model);

    [LibraryImport(Library)]
    internal static partial int Cbc_getNumRows(CbcModelHandle model);

    /// <summary>0 finished (even when proving infeasibility), 1 stopped on a limit, 2 numerical trouble, 5 user event; -1 if CBC's driver never ran.</summary>
    [LibraryImport(Library)]
    internal static partial int Cbc_status(CbcModelHandle model);

    /// <summary>0 completed, 1 relaxation infeasible, 2 stopped on gap, 3 nodes, 4 time, 5 user event, 6 solutions, 7 relaxation unbounded.</summary>
    [LibraryImport(Library)]
    internal static partial int Cbc_secondaryStatus(CbcModelHandle model);

    [LibraryImport(Library)]
    internal static partial int Cbc_isProvenOptimal(CbcModelHandle model);

    [LibraryImport(Library)]
    internal static partial int Cbc_isProvenInfeasible(CbcModelHandle model);

    [LibraryImport(Library)]
    internal static partial int Cbc_isContinuousUnbounded(CbcModelHandle model);

    [LibraryImport(Library)]
    internal static partial int Cbc_numberSavedSolutions(CbcModelHandle model);

    /// <summary>The incumbent, or null when none was found. Owned by the model.</summary>
    [LibraryImport(Library)]
    internal static partial double* Cbc_bestSolution(CbcModelHandle model);

    /// <summary>The solver's current primal values; after a MIP solve without an incumbent this is an LP point. Owned by the model.</summary>
    [LibraryImport(Library)]
    internal static partial double* Cbc_getColSolution(CbcModelHandle model);

    /// <summary>In the sense CBC was given; 1e50 (times the sense) when there is no solution.</summary>
    [LibraryImport(Library)]
    internal static partial double Cbc_getObjValue(CbcModelHandle model);

    [LibraryImport(Library)]
    internal static partial double Cbc_getBestPossibleObjValue(CbcModelHandle model);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Cbc_writeMps(CbcModelHandle model, string fileNameStem);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Cbc_writeLp(CbcModelHandle model, string fileNameStem);

    // The two below operate on the OsiSolverInterface and OsiCuts a cut callback receives.
    [LibraryImport(Library)]
    internal static partial int Osi_getNumCols(nint solver);

    [LibraryImport(Library)]
    internal static partial void OsiCuts_addRowCut(
        nint cuts, int count, int* columns, double* coefficients, byte sense, double rhs);
}
