using System.Text.Json.Nodes;
using Scheduler.Core.Tests.Support;
using Scheduler.Workbooks.Slates;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Tests.Support;

/// <summary>The demo's slate workbook with cells changed as a planner would change them in Excel.</summary>
internal static class EditedWorkbooks
{
    public static JsonObject Demo() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Scenarios, "demo.json")))!.AsObject();

    /// <summary>The demo's workbook after <paramref name="edits"/> set cells: sheet, 1-based data row (row 2 of the sheet is 1), header, value.</summary>
    public static byte[] Demo(params (string Sheet, int Row, string Header, XlsxValue Value)[] edits)
    {
        var sheets = SlateWriter.Sheets(Demo());
        foreach (var (name, row, header, value) in edits)
        {
            var sheet = sheets.Single(s => s.Name == name);
            var column = sheet.Columns.ToList().FindIndex(c => c.Header == header);
            Assert.That(column, Is.GreaterThanOrEqualTo(0), $"no column {header} in {name}");
            while (sheet.Rows.Count < row)
            {
                sheet.Add();
            }

            var cells = sheet.Rows[row - 1];
            if (cells.Length <= column)
            {
                var longer = new XlsxValue[sheet.Columns.Count];
                cells.CopyTo(longer, 0);
                sheet.Replace(row - 1, longer);
                cells = longer;
            }

            cells[column] = value;
        }

        return XlsxWriter.Write(sheets);
    }
}
