using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Scheduler.Workbooks.Xlsx;

/// <summary>
/// Writes sheets as an Office Open XML workbook, streaming each sheet's cells: a header row in bold
/// and frozen, columns as wide as their longest value, dates as real Excel dates, checks from
/// <see cref="XlsxSheet.Validations"/>.
/// </summary>
public static class XlsxWriter
{
    /// <summary>Column widths in characters: never narrower than a short date, never wider than a screen's third.</summary>
    private const int MinWidth = 6;
    private const int MaxWidth = 60;

    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        using var stream = new MemoryStream();
        Write(sheets, stream);
        return stream.ToArray();
    }

    public static void Write(IReadOnlyList<XlsxSheet> sheets, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Sheet();
        var entries = new Sheets();
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            try
            {
                WriteSheet(sheet, part);
            }
            catch (XlsxFormatException ex)
            {
                throw new XlsxFormatException($"Sheet {sheet.Name}: {ex.Message}");
            }

            entries.Append(new Sheet
            {
                Id = workbook.GetIdOfPart(part),
                SheetId = id++,
                Name = sheet.Name,
                State = sheet.Hidden ? SheetStateValues.Hidden : null,
            });
        }

        workbook.Workbook = new Workbook(entries);
    }

    private static void WriteSheet(XlsxSheet sheet, WorksheetPart part)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(View(sheet)));
        writer.WriteElement(Columns(sheet));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, [.. sheet.Columns.Select(c => XlsxValue.Of(c.Header))], _ => XlsxStyles.Header);
        var row = 2;
        foreach (var values in sheet.Rows)
        {
            WriteRow(writer, row++, values, column => XlsxStyles.Of(sheet.Columns[column].Format));
        }

        writer.WriteEndElement();
        if (sheet.Validations.Count > 0)
        {
            writer.WriteElement(Validations(sheet));
        }

        writer.WriteEndElement();
    }

    private static SheetView View(XlsxSheet sheet)
    {
        var view = new SheetView { WorkbookViewId = 0, TabSelected = false };
        var topLeft = CellReference.Of(sheet.FrozenColumns + 1, 2);
        var pane = new Pane
        {
            VerticalSplit = 1,
            TopLeftCell = topLeft,
            ActivePane = sheet.FrozenColumns > 0 ? PaneValues.BottomRight : PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        };
        if (sheet.FrozenColumns > 0)
        {
            pane.HorizontalSplit = sheet.FrozenColumns;
        }

        view.Append(pane, new Selection { Pane = pane.ActivePane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        return view;
    }

    private static Columns Columns(XlsxSheet sheet)
    {
        var columns = new Columns();
        for (var i = 0; i < sheet.Columns.Count; i++)
        {
            var widest = sheet.Columns[i].Header.Length;
            foreach (var row in sheet.Rows)
            {
                if (i < row.Length)
                {
                    widest = Math.Max(widest, row[i].ShownLength);
                }
            }

            var column = new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = Math.Clamp(widest, MinWidth, MaxWidth) + 2,
                CustomWidth = true,
            };
            var style = XlsxStyles.Of(sheet.Columns[i].Format);
            if (style != XlsxStyles.General)
            {
                column.Style = style;
            }

            columns.Append(column);
        }

        return columns;
    }

    private static void WriteRow(OpenXmlWriter writer, int row, XlsxValue[] values, Func<int, uint> style)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)row });
        for (var i = 0; i < values.Length; i++)
        {
            if (Cell(values[i], CellReference.Of(i + 1, row), style(i)) is { } cell)
            {
                writer.WriteElement(cell);
            }
        }

        writer.WriteEndElement();
    }

    private static Cell? Cell(XlsxValue value, string reference, uint style)
    {
        var cell = new Cell { CellReference = reference };
        switch (value.Kind)
        {
            case XlsxKind.Empty:
                return null;
            case XlsxKind.Text when value.Text!.Length > XlsxSheet.MaxCellText:
                throw new XlsxFormatException(
                    $"Cell {reference} would hold {value.Text.Length} characters, more than the {XlsxSheet.MaxCellText} Excel keeps in one cell; the workbook was not written.");
            case XlsxKind.Text:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(value.Text!) { Space = SpaceProcessingModeValues.Preserve });
                break;
            case XlsxKind.Boolean:
                cell.DataType = CellValues.Boolean;
                cell.CellValue = new CellValue(value.Number != 0 ? "1" : "0");
                break;
            case XlsxKind.Date:
                cell.CellValue = new CellValue(value.Number.ToString("R", CultureInfo.InvariantCulture));
                style = XlsxStyles.Date;
                break;
            case XlsxKind.DateTime:
                cell.CellValue = new CellValue(value.Number.ToString("R", CultureInfo.InvariantCulture));
                style = XlsxStyles.DateTime;
                break;
            default:
                cell.CellValue = new CellValue(value.Number.ToString("R", CultureInfo.InvariantCulture));
                break;
        }

        if (style != XlsxStyles.General)
        {
            cell.StyleIndex = style;
        }

        return cell;
    }

    private static DataValidations Validations(XlsxSheet sheet)
    {
        var validations = new DataValidations();
        foreach (var check in sheet.Validations)
        {
            var letters = CellReference.Column(check.Column + 1);
            var validation = new DataValidation
            {
                Type = check.ListSource is null ? DataValidationValues.None : DataValidationValues.List,
                AllowBlank = true,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = check.Row is { } row ? $"{letters}{row}" : $"{letters}2:{letters}1048576" },
            };
            if (check.ListSource is not null)
            {
                validation.Formula1 = new Formula1(check.ListSource);
                validation.ShowErrorMessage = true;
                validation.ErrorStyle = check.Strict ? DataValidationErrorStyleValues.Stop : DataValidationErrorStyleValues.Information;
            }

            if (check.Prompt is not null)
            {
                validation.ShowInputMessage = true;
                validation.PromptTitle = Clip(check.PromptTitle ?? sheet.Columns[check.Column].Header, 32);
                validation.Prompt = Clip(check.Prompt, XlsxSheet.MaxPrompt);
            }

            validations.Append(validation);
        }

        validations.Count = (uint)sheet.Validations.Count;
        return validations;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
