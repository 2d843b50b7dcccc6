namespace Scheduler.Solver.Cbc;

/// <summary>Creates a CBC model holding a <see cref="CbcInput"/>. Call only inside <see cref="CbcGate"/>.</summary>
internal static class CbcModelLoader
{
    public static CbcModelHandle Load(CbcInput input)
    {
        var handle = CbcNative.Cbc_newModel();
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new InvalidOperationException("CBC could not create a model.");
        }

        try
        {
            Fill(handle, input);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void Fill(CbcModelHandle handle, CbcInput input)
    {
        var model = input.Model;
        var matrix = input.Matrix;
        CbcNative.Cbc_loadProblem(
            handle,
            matrix.ColumnCount,
            model.RowCount,
            matrix.Starts,
            matrix.RowIndices,
            matrix.Values,
            input.ColumnLower,
            input.ColumnUpper,
            input.Objective,
            model.RowLower,
            model.RowUpper);
        CbcNative.Cbc_setObjSense(handle, 1);

        var isInteger = model.IsInteger;
        for (var column = 0; column < isInteger.Length; column++)
        {
            if (isInteger[column])
            {
                CbcNative.Cbc_setInteger(handle, column);
            }
        }

        if (input.HasGuardColumn)
        {
            CbcNative.Cbc_setInteger(handle, matrix.ColumnCount - 1);
        }

        if (input.IncludeNames)
        {
            SetNames(handle, model);
        }

        // loadProblem reports nothing; a mismatch here means the arrays were misread.
        if (CbcNative.Cbc_getNumCols(handle) != matrix.ColumnCount || CbcNative.Cbc_getNumRows(handle) != model.RowCount)
        {
            throw new InvalidOperationException("CBC did not load the model with the expected dimensions.");
        }
    }

    private static void SetNames(CbcModelHandle handle, MipModel model)
    {
        var columnNames = model.ColumnNames;
        for (var column = 0; column < columnNames.Count; column++)
        {
            CbcNative.Cbc_setColName(handle, column, columnNames[column]);
        }

        var rowNames = model.RowNames;
        for (var row = 0; row < rowNames.Count; row++)
        {
            CbcNative.Cbc_setRowName(handle, row, rowNames[row]);
        }
    }
}
