using System.Runtime.InteropServices;

namespace Scheduler.Solver.Cbc;

/// <summary>
/// A mixed-integer linear program, described without reference to any solver.
/// </summary>
/// <remarks>
/// Models reach millions of nonzeros, so everything lives in a handful of growable arrays:
/// columns as parallel arrays, rows compressed row-wise (each row's terms are contiguous).
/// A row is added either whole (<see cref="AddRow"/>) or term by term
/// (<see cref="BeginRow"/> then <see cref="AddTerm"/>); a column listed twice in one row has
/// its coefficients summed. Columns must exist before a row refers to them.
/// Not thread-safe; a model can be solved or written again after further additions.
/// </remarks>
public sealed class MipModel
{
    private readonly List<string> _columnNames = [];
    private readonly List<double> _columnLower = [];
    private readonly List<double> _columnUpper = [];
    private readonly List<double> _objective = [];
    private readonly List<bool> _isInteger = [];

    private readonly List<string> _rowNames = [];
    private readonly List<double> _rowLower = [];
    private readonly List<double> _rowUpper = [];
    private readonly List<int> _rowStarts = [];
    private readonly List<int> _termColumns = [];
    private readonly List<double> _termCoefficients = [];

    public MipModel(ObjectiveSense sense)
    {
        if (!Enum.IsDefined(sense))
        {
            throw new ArgumentOutOfRangeException(nameof(sense), sense, "Unknown objective sense.");
        }

        Sense = sense;
    }

    public ObjectiveSense Sense { get; }

    public int ColumnCount => _objective.Count;

    public int RowCount => _rowLower.Count;

    public int NonZeroCount => _termColumns.Count;

    public int IntegerColumnCount { get; private set; }

    /// <summary>Reserves room up front so a builder that knows its size avoids repeated regrowth.</summary>
    public void EnsureCapacity(int columns, int rows, int nonZeros)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(nonZeros);
        _columnNames.EnsureCapacity(columns);
        _columnLower.EnsureCapacity(columns);
        _columnUpper.EnsureCapacity(columns);
        _objective.EnsureCapacity(columns);
        _isInteger.EnsureCapacity(columns);
        _rowNames.EnsureCapacity(rows);
        _rowLower.EnsureCapacity(rows);
        _rowUpper.EnsureCapacity(rows);
        _rowStarts.EnsureCapacity(rows);
        _termColumns.EnsureCapacity(nonZeros);
        _termCoefficients.EnsureCapacity(nonZeros);
    }

    /// <summary>Adds a variable and returns its index. Use infinities for missing bounds.</summary>
    public int AddColumn(string name, double lower, double upper, double objective, bool isInteger = false)
    {
        MipNames.Validate(name, nameof(name));
        CheckBounds(lower, upper);
        if (!double.IsFinite(objective))
        {
            throw new ArgumentOutOfRangeException(nameof(objective), objective, "The objective coefficient must be finite.");
        }

        _columnNames.Add(name);
        _columnLower.Add(lower);
        _columnUpper.Add(upper);
        _objective.Add(objective);
        _isInteger.Add(isInteger);
        if (isInteger)
        {
            IntegerColumnCount++;
        }

        return _objective.Count - 1;
    }

    /// <summary>Adds the constraint <c>lower &lt;= sum(coefficients[k] * x[columns[k]]) &lt;= upper</c> and returns its index.</summary>
    public int AddRow(string name, double lower, double upper, ReadOnlySpan<int> columns, ReadOnlySpan<double> coefficients)
    {
        if (columns.Length != coefficients.Length)
        {
            throw new ArgumentException(
                $"Got {columns.Length} columns but {coefficients.Length} coefficients.", nameof(coefficients));
        }

        // Check every term first so a bad one leaves no half-added row behind.
        for (var k = 0; k < columns.Length; k++)
        {
            CheckTerm(columns[k], coefficients[k]);
        }

        var row = BeginRow(name, lower, upper);
        _termColumns.AddRange(columns);
        _termCoefficients.AddRange(coefficients);
        return row;
    }

    /// <summary>Starts an empty constraint; <see cref="AddTerm"/> then adds to it until the next row begins.</summary>
    public int BeginRow(string name, double lower, double upper)
    {
        MipNames.Validate(name, nameof(name));
        if (string.Equals(name, MipNames.ObjectiveRowName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{name}' is reserved for the objective row.", nameof(name));
        }

        CheckBounds(lower, upper);
        _rowNames.Add(name);
        _rowLower.Add(lower);
        _rowUpper.Add(upper);
        _rowStarts.Add(_termColumns.Count);
        return _rowLower.Count - 1;
    }

    /// <summary>Adds <c>coefficient * x[column]</c> to the most recently added row.</summary>
    public void AddTerm(int column, double coefficient)
    {
        if (RowCount == 0)
        {
            throw new InvalidOperationException("Add a row before adding terms to it.");
        }

        CheckTerm(column, coefficient);
        _termColumns.Add(column);
        _termCoefficients.Add(coefficient);
    }

    public string GetColumnName(int column) => _columnNames[column];

    public string GetRowName(int row) => _rowNames[row];

    internal IReadOnlyList<string> ColumnNames => _columnNames;

    internal IReadOnlyList<string> RowNames => _rowNames;

    internal ReadOnlySpan<double> ColumnLower => CollectionsMarshal.AsSpan(_columnLower);

    internal ReadOnlySpan<double> ColumnUpper => CollectionsMarshal.AsSpan(_columnUpper);

    internal ReadOnlySpan<double> Objective => CollectionsMarshal.AsSpan(_objective);

    internal ReadOnlySpan<bool> IsInteger => CollectionsMarshal.AsSpan(_isInteger);

    internal ReadOnlySpan<double> RowLower => CollectionsMarshal.AsSpan(_rowLower);

    internal ReadOnlySpan<double> RowUpper => CollectionsMarshal.AsSpan(_rowUpper);

    /// <summary>Where each row's terms begin; a row ends where the next begins, the last at <see cref="NonZeroCount"/>.</summary>
    internal ReadOnlySpan<int> RowStarts => CollectionsMarshal.AsSpan(_rowStarts);

    internal ReadOnlySpan<int> TermColumns => CollectionsMarshal.AsSpan(_termColumns);

    internal ReadOnlySpan<double> TermCoefficients => CollectionsMarshal.AsSpan(_termCoefficients);

    private void CheckTerm(int column, double coefficient)
    {
        if ((uint)column >= (uint)ColumnCount)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"The model has {ColumnCount} columns.");
        }

        if (!double.IsFinite(coefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, "Coefficients must be finite.");
        }
    }

    private static void CheckBounds(double lower, double upper)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper
            || double.IsPositiveInfinity(lower) || double.IsNegativeInfinity(upper))
        {
            throw new ArgumentException($"Bounds [{lower}, {upper}] do not describe a non-empty interval.", nameof(lower));
        }
    }
}
