using System.Collections.Immutable;
using NodaTime;
using Scheduler.Workbooks.Slates;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Plans;

/// <summary>
/// One release read back from a plan workbook's Releases sheet: its date as the planner left it,
/// the date it was exported with (null when the planned column is gone), and the cell of its date.
/// </summary>
public sealed record EditedRelease(string Title, string Region, string? Mode, LocalDate Date, LocalDate? Planned, string Place)
{
    /// <summary>Whether the planner changed the date (every row counts as changed without a planned column).</summary>
    public bool IsEdited => Planned != Date;

    /// <summary>The format in its row, for a title that offers several; null when the cell or the column is empty.</summary>
    public string? Format { get; init; }
}

/// <summary>What a plan workbook's Releases sheet holds, or why it cannot be read (each problem naming its cell).</summary>
public sealed record EditedPlan(ImmutableArray<EditedRelease> Releases, ImmutableArray<string> Errors)
{
    public bool IsValid => Errors.IsEmpty;
}

/// <summary>Reads the Releases sheet of a plan workbook (docs/workbooks.md) after a planner edited its dates.</summary>
public static class EditedPlanReader
{
    /// <exception cref="XlsxFormatException">The bytes are not an .xlsx workbook.</exception>
    public static EditedPlan Read(ReadOnlyMemory<byte> workbook)
    {
        var sheet = XlsxReader.Read(workbook).FirstOrDefault(s => string.Equals(s.Name.Trim(), PlanSheets.Releases, StringComparison.OrdinalIgnoreCase));
        if (sheet is null)
        {
            return new EditedPlan([], [$"the workbook has no sheet '{PlanSheets.Releases}': it is not a plan workbook (scheduler plan --xlsx, scheduler export RUN --xlsx)"]);
        }

        var named = (sheet.Rows.GetValueOrDefault(1) ?? new Dictionary<int, XlsxCell>())
            .GroupBy(h => SlateCellReader.Text(h.Value).Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .ToList();
        var twice = named.Where(g => g.Count() > 1 && PlanSheets.ReleaseColumns.Contains(g.Key)).ToList();
        if (twice.Count > 0)
        {
            return new EditedPlan([], [.. twice.Select(g => $"{PlanSheets.Releases}!{string.Join(", ", g.Select(h => h.Value.Reference))}: the column '{g.Key}' appears {g.Count()} times; keep one")]);
        }

        var headers = named.ToDictionary(g => g.Key, g => g.Min(h => h.Key), StringComparer.Ordinal);
        var missing = new[] { PlanSheets.Title, PlanSheets.Region, PlanSheets.Date }.Where(h => !headers.ContainsKey(h)).ToList();
        if (missing.Count > 0)
        {
            return new EditedPlan([], [.. missing.Select(h => $"{PlanSheets.Releases}!1: the column '{h}' is missing")]);
        }

        var releases = new List<EditedRelease>();
        var errors = new List<string>();
        var seen = new Dictionary<(string, string), string>();
        foreach (var row in sheet.Rows.Keys.Where(r => r > 1).Order())
        {
            string Place(string header) => SlateCells.CellPlace(sheet.Name, CellReference.Of(headers[header], row), header);
            string? Text(string header) => headers.TryGetValue(header, out var column) && sheet.Cell(column, row) is { } cell ? SlateCellReader.Text(cell) : null;

            var title = Text(PlanSheets.Title);
            var region = Text(PlanSheets.Region);
            if (title is null || region is null)
            {
                errors.Add($"{Place(title is null ? PlanSheets.Title : PlanSheets.Region)}: a release needs its title and its region");
                continue;
            }

            var date = DateOf(sheet, headers[PlanSheets.Date], row, Place(PlanSheets.Date), errors);
            var planned = headers.TryGetValue(PlanSheets.Planned, out var plannedColumn) && sheet.Cell(plannedColumn, row) is not null
                ? DateOf(sheet, plannedColumn, row, Place(PlanSheets.Planned), errors)
                : null;
            if (date is null)
            {
                continue;
            }

            if (seen.TryGetValue((title, region), out var first))
            {
                errors.Add($"{Place(PlanSheets.Date)}: title '{title}' in region '{region}' is listed twice (first at {first})");
                continue;
            }

            seen[(title, region)] = Place(PlanSheets.Date);
            releases.Add(new EditedRelease(title, region, Text(PlanSheets.Mode), date.Value, planned, Place(PlanSheets.Date)) { Format = Text(PlanSheets.Format) });
        }

        return new EditedPlan([.. releases], [.. errors]);
    }

    private static LocalDate? DateOf(XlsxReadSheet sheet, int column, int row, string place, List<string> errors)
    {
        if (sheet.Cell(column, row) is not { } cell)
        {
            errors.Add($"{place}: the date is empty");
            return null;
        }

        if (cell.Kind is XlsxCellKind.Number or XlsxCellKind.Date && ExcelDates.DateTimeOf(cell.Number) is { } when && when.TimeOfDay == LocalTime.Midnight)
        {
            return when.Date;
        }

        if (cell.Kind == XlsxCellKind.Text && NodaTime.Text.LocalDatePattern.Iso.Parse(cell.Text) is { Success: true } parsed)
        {
            return parsed.Value;
        }

        errors.Add($"{place}: '{SlateCellReader.Text(cell)}' is not a date (an Excel date or YYYY-MM-DD)");
        return null;
    }
}
