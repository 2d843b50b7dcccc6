namespace Scheduler.Solver.Cbc;

/// <summary>Passes a known solution to CBC as the starting incumbent.</summary>
internal static class CbcMipStart
{
    /// <remarks>
    /// CBC fixes the listed integer columns and solves an LP for the rest. Unlisted integer
    /// columns are left free, not set to zero, despite what the header suggests, so a start
    /// listing only its nonzeros can come out fractional and be dropped ("mipstart values could
    /// not be used to build a solution"); hence every integer column is listed.
    /// </remarks>
    public static void Apply(CbcModelHandle handle, MipModel model, IReadOnlyList<double> values)
    {
        var isInteger = model.IsInteger;
        var columns = new int[model.IntegerColumnCount];
        var startValues = new double[columns.Length];
        var next = 0;
        for (var column = 0; column < isInteger.Length; column++)
        {
            if (isInteger[column])
            {
                columns[next] = column;
                startValues[next] = values[column];
                next++;
            }
        }

        if (columns.Length > 0)
        {
            CbcNative.Cbc_setMIPStartI(handle, columns.Length, columns, startValues);
        }
    }
}
