namespace Scheduler.Solver.Cbc;

/// <summary>
/// What <see cref="CbcModelLoader"/> hands to CBC, prepared in managed code only, so the
/// O(nonzeros) work is done before the caller queues for <see cref="CbcGate"/>.
/// </summary>
/// <remarks>
/// A maximisation is always given to CBC as the minimisation of the negated objective. CBC 2.10.8
/// evaluates a MIP start with the wrong sign when the model itself is set to maximise (a start
/// worth 540 is logged as costing +540 and ranked below every real solution, so it is useless),
/// and its MPS writer drops the sense (no OBJSENSE section) while keeping the coefficients.
/// Minimising -c is understood the same way by CBC and by every reader of the files.
/// </remarks>
internal sealed class CbcInput
{
    private CbcInput(MipModel model, bool addGuardColumn, bool includeNames)
    {
        Model = model;
        IncludeNames = includeNames;
        HasGuardColumn = addGuardColumn;
        var columns = model.ColumnCount + (addGuardColumn ? 1 : 0);
        Matrix = ColumnMajorMatrix.FromRows(model, columns);
        ColumnLower = new double[columns];
        ColumnUpper = new double[columns];
        Objective = new double[columns];
        model.ColumnLower.CopyTo(ColumnLower);
        model.ColumnUpper.CopyTo(ColumnUpper);
        var sign = model.Sense == ObjectiveSense.Maximize ? -1.0 : 1.0;
        var objective = model.Objective;
        for (var column = 0; column < objective.Length; column++)
        {
            Objective[column] = sign * objective[column];
        }

        // The guard column, if any, is the last one and stays at [0, 0] with no cost and no entries.
    }

    public MipModel Model { get; }

    public ColumnMajorMatrix Matrix { get; }

    public double[] ColumnLower { get; }

    public double[] ColumnUpper { get; }

    /// <summary>The objective to minimise.</summary>
    public double[] Objective { get; }

    public bool IncludeNames { get; }

    /// <summary>
    /// Set when the model has no integer column. <c>Cbc_solve</c> then bypasses CBC's driver
    /// and calls Clp directly: every parameter (time limit, log level) is ignored and an
    /// unbounded LP is reported as infeasible. One integer column fixed at zero routes the
    /// LP through the same driver as any MIP; preprocessing removes it at once.
    /// </summary>
    public bool HasGuardColumn { get; }

    /// <summary>Input for a solve: names are left to CBC's defaults (they cost time and memory and the search never needs them).</summary>
    public static CbcInput ForSolve(MipModel model) => new(model, addGuardColumn: model.IntegerColumnCount == 0, includeNames: false);

    /// <summary>Input for writing a file: the model as given, with its names.</summary>
    public static CbcInput ForExport(MipModel model) => new(model, addGuardColumn: false, includeNames: true);
}
