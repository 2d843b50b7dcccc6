namespace Scheduler.Workbooks.Xlsx;

/// <summary>How a column's cells are shown, and how Excel treats what a user types into them.</summary>
public enum XlsxColumnFormat
{
    General,

    /// <summary>Kept as typed: ids such as <c>007</c> and times such as <c>18:00</c> stay text.</summary>
    Text,

    Date,
    DateTime,
}

/// <summary>A column: its header and the format of its cells.</summary>
public sealed record XlsxColumn(string Header, XlsxColumnFormat Format = XlsxColumnFormat.General);

/// <summary>
/// A check Excel applies to a column's cells below the header: a list of values to pick from
/// (<see cref="ListSource"/>, a range such as <c>Lists!$A$2:$A$6</c>), a prompt shown when a cell is
/// selected, or both. A list that is not <see cref="Strict"/> is offered but other text is kept
/// (a comma-separated list of weekdays, say). A check is for a column's cells below the header,
/// or for one cell (<see cref="XlsxValidation.Row"/>).
/// </summary>
public sealed record XlsxValidation(int Column, string? ListSource, bool Strict, string? PromptTitle, string? Prompt)
{
    /// <summary>The one row (from 1) the check is for; null for every row below the header.</summary>
    public int? Row { get; init; }
}

/// <summary>A worksheet to write: columns, rows of values, checks; the header row frozen.</summary>
public sealed class XlsxSheet
{
    /// <summary>Excel's longest text in one cell.</summary>
    public const int MaxCellText = 32767;

    /// <summary>Excel's longest prompt text of a data validation.</summary>
    public const int MaxPrompt = 255;

    private readonly List<XlsxValue[]> _rows = [];
    private readonly List<XlsxValidation> _validations = [];

    public XlsxSheet(string name, IReadOnlyList<XlsxColumn> columns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(columns);
        if (name.Length > 31)
        {
            throw new ArgumentException($"Sheet name '{name}' is longer than Excel's 31 characters.", nameof(name));
        }

        Name = name;
        Columns = columns;
    }

    public string Name { get; }

    public IReadOnlyList<XlsxColumn> Columns { get; }

    /// <summary>Data rows, below the header.</summary>
    public IReadOnlyList<XlsxValue[]> Rows => _rows;

    public IReadOnlyList<XlsxValidation> Validations => _validations;

    /// <summary>Columns kept in view, left of the scrolling area, beside the header row.</summary>
    public int FrozenColumns { get; init; }

    /// <summary>A sheet of lists the others' checks refer to, not for reading.</summary>
    public bool Hidden { get; init; }

    /// <summary>Adds a row; it has one value per column, or fewer (the rest are empty).</summary>
    public void Add(params XlsxValue[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length > Columns.Count)
        {
            throw new ArgumentException($"Sheet '{Name}' has {Columns.Count} columns; the row has {row.Length} values.", nameof(row));
        }

        _rows.Add(row);
    }

    /// <summary>Replaces data row <paramref name="index"/> (from 0).</summary>
    public void Replace(int index, XlsxValue[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(row.Length, Columns.Count, nameof(row));
        _rows[index] = row;
    }

    public void Check(XlsxValidation validation) => _validations.Add(Preconditions.NotNull(validation));
}
