using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Core.Loading;
using Scheduler.Core.Validation;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Slates;

/// <summary>
/// Scenarios given as slate workbooks: read into the scenario document they stand for, then checked
/// by the loader like any scenario, each error naming the cell it comes from beside its JSON path.
/// </summary>
public static class SlateWorkbooks
{
    /// <summary>The content type of an .xlsx workbook.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Whether the bytes are a zip package, as every .xlsx workbook is (a JSON text never starts so).</summary>
    public static bool IsWorkbook(ReadOnlySpan<byte> content) => content.StartsWith("PK\u0003\u0004"u8);

    /// <summary>The scenario document of a workbook, as JSON (what <c>scheduler import</c> writes and what is stored).</summary>
    /// <exception cref="ScenarioValidationException">The file is not a workbook, or a cell cannot hold its field.</exception>
    public static (JsonObject Document, SlateCells Cells) Import(ReadOnlyMemory<byte> workbook, string source)
    {
        SlateReading reading;
        try
        {
            reading = SlateReader.Read(workbook);
        }
        catch (XlsxFormatException ex)
        {
            throw new ScenarioValidationException(source, [new ScenarioError(ErrorPath.File(source), ex.Message)]);
        }

        if (!reading.HasSlateSheets)
        {
            throw new ScenarioValidationException(source, [new ScenarioError(ErrorPath.File(source), reading.HasPlanSheet
                ? $"this is a plan workbook (it has a Releases sheet), not a scenario: a scenario workbook has the sheets {string.Join(", ", SlateLayout.Sheets)} ('scheduler template' writes one)"
                : $"the workbook has none of the sheets of a scenario workbook ({string.Join(", ", SlateLayout.Sheets)}); 'scheduler template' writes one")]);
        }

        return reading.Errors.Count > 0
            ? throw new ScenarioValidationException(source, reading.Errors)
            : (reading.Document, reading.Cells);
    }

    /// <summary>The workbook's scenario, checked; every error names its cell.</summary>
    /// <exception cref="ScenarioValidationException">The workbook does not hold a valid scenario.</exception>
    public static ScenarioDocument Load(ScenarioLoader loader, ReadOnlyMemory<byte> workbook, string source)
    {
        ArgumentNullException.ThrowIfNull(loader);
        var (document, cells) = Import(workbook, source);
        try
        {
            return loader.Load(Json(document), source).WithErrorPlaces(cells.Locate);
        }
        catch (ScenarioValidationException ex)
        {
            throw new ScenarioValidationException(source, ex.Errors.Select(cells.Locate));
        }
    }

    /// <summary>The document as the UTF-8 JSON text a scenario file holds.</summary>
    public static byte[] Json(JsonObject document)
        => Encoding.UTF8.GetBytes(Preconditions.NotNull(document).ToJsonString(Indented) + "\n");

    /// <summary>A scenario document (JSON) as a slate workbook.</summary>
    public static byte[] Export(ReadOnlyMemory<byte> scenarioJson)
        => SlateWriter.Write(JsonNode.Parse(scenarioJson.Span)!.AsObject());
}
