using System.Globalization;

namespace Scheduler.Workbooks.Xlsx;

/// <summary>A1-style references: column letters and row numbers, both from 1.</summary>
public static class CellReference
{
    /// <summary>The letters of column <paramref name="column"/> (1 is A, 27 is AA).</summary>
    public static string Column(int column)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(column, 1);
        var letters = new Stack<char>();
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters.Push((char)('A' + ((n - 1) % 26)));
        }

        return new string([.. letters]);
    }

    public static string Of(int column, int row) => Column(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>The column number of a reference such as <c>AB12</c>; 0 when it has no letters.</summary>
    public static int ColumnOf(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            column = (column * 26) + (c - 'A' + 1);
        }

        return column;
    }
}
