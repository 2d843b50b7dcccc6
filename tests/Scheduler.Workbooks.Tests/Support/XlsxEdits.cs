using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Tests.Support;

/// <summary>Edits a cell of a workbook file as Excel would save it: a date typed over a date.</summary>
internal static class XlsxEdits
{
    public static byte[] SetDate(byte[] workbook, string sheetName, string reference, LocalDate date)
        => Set(workbook, sheetName, reference, cell =>
        {
            cell.DataType = null;
            cell.InlineString = null;
            cell.CellValue = new CellValue(ExcelDates.Serial(date).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    public static byte[] SetText(byte[] workbook, string sheetName, string reference, string text)
        => Set(workbook, sheetName, reference, cell =>
        {
            cell.CellValue = null;
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(text));
        });

    /// <summary>The workbook marked as counting dates from 1904, as old Mac Excel saved them, its cells unchanged.</summary>
    public static byte[] On1904DateSystem(byte[] workbook)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var book = document.WorkbookPart!.Workbook;
            book.InsertAt(new WorkbookProperties { Date1904 = true }, 0);
            book.Save();
        }

        return stream.ToArray();
    }

    private static byte[] Set(byte[] workbook, string sheetName, string reference, Action<Cell> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var part = document.WorkbookPart!;
            var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            var cell = worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
            edit(cell);
            worksheet.Save();
        }

        return stream.ToArray();
    }
}
