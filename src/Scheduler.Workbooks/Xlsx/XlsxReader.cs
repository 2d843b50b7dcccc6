using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Scheduler.Workbooks.Xlsx;

/// <summary>What kind of value a read cell holds.</summary>
public enum XlsxCellKind
{
    Text,
    Number,
    Boolean,

    /// <summary>A number shown as a date or time: <see cref="XlsxCell.Number"/> is an Excel serial.</summary>
    Date,

    /// <summary>An Excel error such as <c>#REF!</c>.</summary>
    Error,
}

/// <summary>One non-empty cell read from a sheet.</summary>
public sealed record XlsxCell(int Column, int Row, XlsxCellKind Kind, string Text, double Number)
{
    public string Reference => CellReference.Of(Column, Row);
}

/// <summary>A sheet as read: its cells by row number, then by column number (both from 1).</summary>
public sealed record XlsxReadSheet(string Name, IReadOnlyDictionary<int, IReadOnlyDictionary<int, XlsxCell>> Rows)
{
    public int LastRow => Rows.Count == 0 ? 0 : Rows.Keys.Max();

    public XlsxCell? Cell(int column, int row)
        => Rows.TryGetValue(row, out var cells) && cells.TryGetValue(column, out var cell) ? cell : null;
}

/// <summary>The file is not a workbook this reader can open.</summary>
public sealed class XlsxFormatException(string message) : Exception(message)
{
    public XlsxFormatException()
        : this("The file is not an Excel workbook.")
    {
    }

    public XlsxFormatException(string message, Exception inner)
        : this(message + " " + inner?.Message)
    {
    }
}

/// <summary>Reads every sheet of an Office Open XML workbook into cells (values, not formulas).</summary>
public static class XlsxReader
{
    /// <exception cref="XlsxFormatException">The bytes are not an .xlsx workbook.</exception>
    public static IReadOnlyList<XlsxReadSheet> Read(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new XlsxFormatException("The file is a package without a workbook in it.");
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(Shown).ToArray() ?? [];
            var dateStyles = DateStyles(workbook);

            // A workbook on the 1904 date system (old Mac Excel) counts its serials 1462 days later.
            var serialShift = workbook.Workbook.WorkbookProperties?.Date1904?.Value == true ? Date1904Shift : 0;
            var sheets = new List<XlsxReadSheet>();
            foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart part)
                {
                    sheets.Add(new XlsxReadSheet(sheet.Name?.Value ?? "", ReadRows(part, strings, dateStyles, serialShift)));
                }
            }

            return sheets;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new XlsxFormatException("The file is not an Excel workbook (.xlsx):", ex);
        }
    }

    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var codes = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value) ?? [];
        var dates = new HashSet<uint>();
        uint index = 0;
        foreach (var format in styles?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (XlsxStyles.IsDateFormat(id, codes.GetValueOrDefault(id)))
            {
                dates.Add(index);
            }

            index++;
        }

        return dates;
    }

    /// <summary>Days between the 1900 and the 1904 date systems' day zero.</summary>
    private const double Date1904Shift = 1462;

    /// <summary>
    /// A rich or plain text as shown: its text and its runs' texts, without the phonetic guides
    /// (furigana) Japanese Excel keeps beside them.
    /// </summary>
    private static string Shown(OpenXmlCompositeElement item)
        => item.GetFirstChild<Text>() is { } plain
            ? plain.Text
            : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? ""));

    private static Dictionary<int, IReadOnlyDictionary<int, XlsxCell>> ReadRows(WorksheetPart part, string[] strings, HashSet<uint> dateStyles, double serialShift)
    {
        var rows = new Dictionary<int, IReadOnlyDictionary<int, XlsxCell>>();
        var rowNumber = 0;
        foreach (var row in part.Worksheet.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            rowNumber = row.RowIndex?.Value is { } index ? (int)index : rowNumber + 1;
            var cells = new Dictionary<int, XlsxCell>();
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? CellReference.ColumnOf(reference) : column + 1;
                if (Read(cell, column, rowNumber, strings, dateStyles, serialShift) is { } read)
                {
                    cells[column] = read;
                }
            }

            if (cells.Count > 0)
            {
                rows[rowNumber] = cells;
            }
        }

        return rows;
    }

    private static XlsxCell? Read(Cell cell, int column, int row, string[] strings, HashSet<uint> dateStyles, double serialShift)
    {
        var type = cell.DataType?.Value;
        var raw = cell.CellValue?.Text;
        if (type == CellValues.InlineString)
        {
            return TextCell(cell.InlineString is { } inline ? Shown(inline) : null);
        }

        if (raw is null)
        {
            return null;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length ? TextCell(strings[i]) : null;
        }

        if (type == CellValues.String)
        {
            return TextCell(raw);
        }

        if (type == CellValues.Boolean)
        {
            var value = raw.Trim() is "1" or "true" or "True" or "TRUE";
            return new XlsxCell(column, row, XlsxCellKind.Boolean, value ? "TRUE" : "FALSE", value ? 1 : 0);
        }

        if (type == CellValues.Error)
        {
            return new XlsxCell(column, row, XlsxCellKind.Error, raw, double.NaN);
        }

        if (type == CellValues.Date)
        {
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
                ? new XlsxCell(column, row, XlsxCellKind.Date, raw, date.ToOADate())
                : TextCell(raw);
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return TextCell(raw);
        }

        var isDate = cell.StyleIndex?.Value is { } style && dateStyles.Contains(style);
        return isDate
            ? new XlsxCell(column, row, XlsxCellKind.Date, raw, number + serialShift)
            : new XlsxCell(column, row, XlsxCellKind.Number, raw, number);

        XlsxCell? TextCell(string? text)
            => string.IsNullOrWhiteSpace(text) ? null : new XlsxCell(column, row, XlsxCellKind.Text, text.Trim(), double.NaN);
    }
}
