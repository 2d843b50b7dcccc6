namespace Scheduler.Solver.Cbc;

/// <summary>
/// The constraint matrix in compressed sparse column form, the layout <c>Cbc_loadProblem</c>
/// takes. Built from <see cref="MipModel"/>'s row-wise storage by a counting sort, so the
/// conversion is O(nonzeros + columns) and never sorts.
/// </summary>
internal sealed class ColumnMajorMatrix
{
    private ColumnMajorMatrix(int[] starts, int[] rowIndices, double[] values)
    {
        Starts = starts;
        RowIndices = rowIndices;
        Values = values;
    }

    /// <summary>Column j's entries occupy <c>[Starts[j], Starts[j + 1])</c>; one more entry than columns.</summary>
    public int[] Starts { get; }

    public int[] RowIndices { get; }

    public double[] Values { get; }

    public int ColumnCount => Starts.Length - 1;

    /// <summary>
    /// Transposes the model's rows. <paramref name="columnCount"/> may exceed the model's column
    /// count; the extra columns come out empty. Repeated columns within a row are summed, since
    /// CBC's matrix must not hold two entries at the same position.
    /// </summary>
    public static ColumnMajorMatrix FromRows(MipModel model, int columnCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columnCount, model.ColumnCount);
        var rowStarts = model.RowStarts;
        var termColumns = model.TermColumns;
        var termCoefficients = model.TermCoefficients;
        var rowCount = model.RowCount;

        // lastRow[c] is the latest row seen in column c, so a repeat within a row is spotted in O(1).
        var lastRow = new int[columnCount];
        Array.Fill(lastRow, -1);
        var starts = new int[columnCount + 1];
        for (var row = 0; row < rowCount; row++)
        {
            var end = row + 1 < rowCount ? rowStarts[row + 1] : termColumns.Length;
            for (var k = rowStarts[row]; k < end; k++)
            {
                var column = termColumns[k];
                if (lastRow[column] != row)
                {
                    lastRow[column] = row;
                    starts[column + 1]++;
                }
            }
        }

        for (var column = 0; column < columnCount; column++)
        {
            starts[column + 1] += starts[column];
        }

        var nonZeros = starts[columnCount];
        var rowIndices = new int[nonZeros];
        var values = new double[nonZeros];
        var next = starts.AsSpan(0, columnCount).ToArray();
        var slotInRow = new int[columnCount];
        Array.Fill(lastRow, -1);

        // Rows are visited in order, so each column's row indices come out ascending.
        for (var row = 0; row < rowCount; row++)
        {
            var end = row + 1 < rowCount ? rowStarts[row + 1] : termColumns.Length;
            for (var k = rowStarts[row]; k < end; k++)
            {
                var column = termColumns[k];
                if (lastRow[column] == row)
                {
                    values[slotInRow[column]] += termCoefficients[k];
                    continue;
                }

                lastRow[column] = row;
                var slot = next[column]++;
                slotInRow[column] = slot;
                rowIndices[slot] = row;
                values[slot] = termCoefficients[k];
            }
        }

        return new ColumnMajorMatrix(starts, rowIndices, values);
    }
}
