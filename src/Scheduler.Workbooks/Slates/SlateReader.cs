using System.Text.Json.Nodes;
using Scheduler.Core.Validation;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Slates;

/// <summary>A workbook read as a scenario document: the document, where each field came from, and the cells that could not be read.</summary>
public sealed record SlateReading(JsonObject Document, SlateCells Cells, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>Whether the workbook has at least one sheet of a slate; false for, say, a plan workbook.</summary>
    public bool HasSlateSheets { get; init; } = true;

    /// <summary>Whether the workbook has the Releases sheet of a plan workbook.</summary>
    public bool HasPlanSheet { get; init; }
}

/// <summary>
/// Reads a slate workbook (docs/workbooks.md) into a scenario document. Sheets and columns are found
/// by name (any order, any case); a sheet or column left out leaves its fields out; empty cells and
/// rows are skipped; other sheets are the planner's own and ignored. A cell that cannot hold its
/// field is an error naming the cell; the document's own checks are the loader's.
/// </summary>
public static partial class SlateReader
{
    /// <exception cref="XlsxFormatException">The bytes are not an .xlsx workbook.</exception>
    public static SlateReading Read(ReadOnlyMemory<byte> workbook)
    {
        var sheets = XlsxReader.Read(workbook)
            .GroupBy(s => s.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var document = new JsonObject();
        var cells = new SlateCells();
        var errors = new List<ScenarioError>();
        if (sheets.TryGetValue(SlateLayout.Settings, out var settings))
        {
            ReadSettings(settings, document, cells, errors);
        }

        foreach (var (name, field) in SlateLayout.ItemSheets)
        {
            if (sheets.TryGetValue(name, out var sheet))
            {
                document[field] = ReadItems(sheet, field, cells, errors);
            }
        }

        if (sheets.TryGetValue(SlateLayout.Seasonality, out var seasonality))
        {
            ReadSeasonality(seasonality, document, cells, errors);
        }

        return new SlateReading(Ordered(document), cells, errors)
        {
            HasSlateSheets = SlateLayout.Sheets.Any(sheets.ContainsKey),
            HasPlanSheet = sheets.ContainsKey("Releases"),
        };
    }

    /// <summary>The document's fields in the order the schema lists them, as a scenario file is written by hand.</summary>
    private static JsonObject Ordered(JsonObject document)
    {
        var order = new SlateSchema().FieldOrder();
        var ordered = new JsonObject();
        foreach (var key in document.Select(p => p.Key).OrderBy(k => order.IndexOf(k) is var i and >= 0 ? i : int.MaxValue).ToList())
        {
            document.Remove(key, out var node);
            ordered[key] = node;
        }

        return ordered;
    }

    private static JsonArray ReadItems(XlsxReadSheet sheet, string field, SlateCells cells, List<ScenarioError> errors)
    {
        var arrayPath = JsonPath.Property(JsonPath.Root, field);
        cells.Add(arrayPath, SlateCells.SheetPlace(sheet.Name));
        var columns = Headers(sheet, SlateLayout.ColumnsOf(SlateLayout.ItemSheets.First(s => s.Field == field).Sheet), arrayPath, errors);
        var items = new JsonArray();
        foreach (var row in DataRows(sheet))
        {
            var path = JsonPath.Index(arrayPath, items.Count);
            cells.Add(path, SlateCells.RowPlace(sheet.Name, row));
            var item = new JsonObject();
            foreach (var (number, column) in columns)
            {
                var fieldPath = JsonPath.Property(path, column.Header);
                var place = SlateCells.CellPlace(sheet.Name, CellReference.Of(number, row), column.Header);
                cells.Add(fieldPath, place);
                if (sheet.Cell(number, row) is { } cell && Value(column.Cell, cell, fieldPath, place, errors) is { } value)
                {
                    item[column.Header] = value;
                }
            }

            if (field == "variants" && item["id"] is JsonValue id && id.TryGetValue<string>(out var variantId))
            {
                // A variant's errors are found in its changes: their cell, or its row when the sheet has no changes column.
                var changes = columns.FirstOrDefault(c => c.Column.Cell == SlateCell.Json).Number;
                cells.AddVariant(variantId, changes > 0 ? SlateCells.CellPlace(sheet.Name, CellReference.Of(changes, row), "changes") : SlateCells.RowPlace(sheet.Name, row));
            }

            items.Add(item);
        }

        return items;
    }

    /// <summary>The sheet's columns found in its header row, by column number; an unknown header is an error.</summary>
    private static List<(int Number, SlateColumn Column)> Headers(XlsxReadSheet sheet, IReadOnlyList<SlateColumn> layout, string path, List<ScenarioError> errors)
    {
        var found = new List<(int, SlateColumn)>();
        foreach (var (number, cell) in sheet.Rows.GetValueOrDefault(1) ?? new Dictionary<int, XlsxCell>())
        {
            var header = SlateCellReader.Text(cell);
            var column = layout.FirstOrDefault(c => string.Equals(c.Header, header, StringComparison.OrdinalIgnoreCase));
            var place = $"{sheet.Name}!{cell.Reference}";
            if (column is null)
            {
                errors.Add(new ScenarioError(ErrorPath.Json(path).AtCell(place), $"'{header}' is not a column of sheet {sheet.Name}; its columns are {string.Join(", ", layout.Select(c => c.Header))}"));
            }
            else if (found.Any(f => f.Item2 == column))
            {
                errors.Add(new ScenarioError(ErrorPath.Json(path).AtCell(place), $"column '{column.Header}' appears twice in sheet {sheet.Name}"));
            }
            else
            {
                found.Add((number, column));
            }
        }

        return found;
    }

    private static IEnumerable<int> DataRows(XlsxReadSheet sheet) => sheet.Rows.Keys.Where(r => r > 1).Order();

    private static JsonNode? Value(SlateCell kind, XlsxCell cell, string path, string place, List<ScenarioError> errors)
    {
        var reading = SlateCellReader.Read(kind, cell);
        if (reading.Error is not null)
        {
            errors.Add(new ScenarioError(ErrorPath.Json(path).AtCell(place), reading.Error));
        }

        return reading.Value;
    }
}
