using Scheduler.Core.Validation;

namespace Scheduler.Workbooks.Slates;

/// <summary>
/// Where each field of a scenario read from a workbook came from: JSON path to cell (or row, or
/// sheet), so that the scenario's checks, which speak of JSON paths, can name the cell to fix.
/// </summary>
public sealed class SlateCells
{
    private readonly Dictionary<string, string> _places = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _variants = new(StringComparer.Ordinal);

    /// <summary>How an error names a cell: <c>Titles!F12, column "latest"</c>.</summary>
    public static string CellPlace(string sheet, string reference, string header) => $"{sheet}!{reference}, column \"{header}\"";

    public static string RowPlace(string sheet, int row) => $"{sheet} row {row}";

    public static string SheetPlace(string sheet) => $"sheet {sheet}";

    internal void Add(string path, string place) => _places[path] = place;

    /// <summary>Adds <paramref name="path"/> and each of its enclosing paths not yet known (settings such as horizon.start stand for horizon too).</summary>
    internal void AddWithParents(string path, string place)
    {
        Add(path, place);
        for (var parent = Parent(path); parent is not null && parent != JsonPath.Root && !_places.ContainsKey(parent); parent = Parent(parent))
        {
            _places[parent] = place;
        }
    }

    internal void AddVariant(string variantId, string place) => _variants.TryAdd(variantId, place);

    /// <summary>The place of the nearest enclosing path known; null when none is (the workbook as a whole).</summary>
    public string? Find(ErrorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Variant is not null)
        {
            return _variants.GetValueOrDefault(path.Variant);
        }

        if (path.Place != ErrorPlace.Json)
        {
            return null;
        }

        for (string? at = path.Text; at is not null; at = Parent(at))
        {
            if (_places.TryGetValue(at, out var place))
            {
                return place;
            }
        }

        return null;
    }

    /// <summary>The error with the cell it names, when the workbook holds one.</summary>
    public ScenarioError Locate(ScenarioError error)
    {
        ArgumentNullException.ThrowIfNull(error);

        // A missing required field is reported at the object that lacks it; its own (empty) cell says more.
        if (error.MissingField is { } field && error.Path.Place == ErrorPlace.Json && error.Path.Variant is null
            && _places.TryGetValue(JsonPath.Property(error.Path.Text, field), out var cell))
        {
            return error with { Path = error.Path.AtCell(cell) };
        }

        return Find(error.Path) is { } place ? error with { Path = error.Path.AtCell(place) } : error;
    }

    /// <summary>The path one step up: <c>$.a.b</c>, <c>$.a[3]</c> and <c>$.a['x-y']</c> give <c>$.a</c>; null for the root.</summary>
    internal static string? Parent(string path)
    {
        if (path.Length <= 1)
        {
            return null;
        }

        if (path.EndsWith(']'))
        {
            var open = path.EndsWith("']", StringComparison.Ordinal) ? path.LastIndexOf("['", StringComparison.Ordinal) : path.LastIndexOf('[');
            return open > 0 ? path[..open] : null;
        }

        var dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : null;
    }
}
