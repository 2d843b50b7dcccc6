using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime.Text;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Slates;

/// <summary>
/// Writes a scenario document as a slate workbook (docs/workbooks.md): what <see cref="SlateReader"/>
/// reads back into the same scenario. The document is written as it is; it should be a valid one.
/// </summary>
public static class SlateWriter
{
    public static byte[] Write(JsonObject scenario) => XlsxWriter.Write(Sheets(scenario));

    internal static IReadOnlyList<XlsxSheet> Sheets(JsonObject scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var schema = new SlateSchema();
        var lists = new SlateListsSheet(schema);
        var sheets = new List<XlsxSheet>
        {
            Items(SlateLayout.Titles, SlateLayout.TitleColumns, scenario["titles"], schema, lists, frozen: 2),
            Items(SlateLayout.Regions, SlateLayout.RegionColumns, scenario["regions"], schema, lists, frozen: 1),
            Items(SlateLayout.Events, SlateLayout.EventColumns, scenario["events"], schema, lists, frozen: 1),
            SeasonalitySheet(scenario["seasonality"] as JsonObject, schema, lists),
            SettingsSheet(scenario, schema, lists),
            Items(SlateLayout.Variants, SlateLayout.VariantColumns, scenario["variants"], schema, lists, frozen: 1),
        };
        sheets.Add(lists.Sheet);
        return sheets;
    }

    private static XlsxSheet Items(string name, IReadOnlyList<SlateColumn> columns, JsonNode? items, SlateSchema schema, SlateListsSheet lists, int frozen)
    {
        var sheet = new XlsxSheet(name, [.. columns.Select(Column)]) { FrozenColumns = frozen };
        foreach (var item in (items as JsonArray ?? []).OfType<JsonObject>())
        {
            sheet.Add([.. columns.Select(c => Value(c.Cell, item[c.Header]))]);
        }

        Describe(sheet, columns, schema, lists);
        return sheet;
    }

    private static XlsxSheet SeasonalitySheet(JsonObject? seasonality, SlateSchema schema, SlateListsSheet lists)
    {
        var columns = SlateLayout.SeasonalityColumns;
        var sheet = new XlsxSheet(SlateLayout.Seasonality, [.. columns.Select(Column)]) { FrozenColumns = 2 };
        AddRanges(sheet, SlateLayout.DefaultScope, null, seasonality?["default"]);
        foreach (var (scope, field) in new[] { (SlateLayout.RegionScope, "regions"), (SlateLayout.GenreScope, "genres") })
        {
            foreach (var (key, ranges) in seasonality?[field] as JsonObject ?? [])
            {
                AddRanges(sheet, scope, key, ranges);
            }
        }

        Describe(sheet, columns, schema, lists);
        return sheet;
    }

    /// <summary>One row per range; a list without ranges (a region's list that clears the default) as a row of its scope and key alone.</summary>
    private static void AddRanges(XlsxSheet sheet, string scope, string? key, JsonNode? ranges)
    {
        if (ranges is not JsonArray list)
        {
            return;
        }

        if (list.Count == 0 && key is not null)
        {
            sheet.Add(XlsxValue.Of(scope), XlsxValue.Of(key));
        }

        foreach (var range in list.OfType<JsonObject>())
        {
            sheet.Add(XlsxValue.Of(scope), XlsxValue.Of(key), Value(SlateCell.Text, range["from"]), Value(SlateCell.Text, range["to"]), Value(SlateCell.Number, range["index"]));
        }
    }

    private static XlsxSheet SettingsSheet(JsonObject scenario, SlateSchema schema, SlateListsSheet lists)
    {
        var sheet = new XlsxSheet(SlateLayout.Settings, [new(SlateLayout.SettingHeader), new(SlateLayout.ValueHeader, XlsxColumnFormat.Text), new(SlateLayout.AboutHeader)]) { FrozenColumns = 1 };
        var row = 2;
        foreach (var setting in SlateLayout.SettingRows)
        {
            JsonNode? node = scenario;
            foreach (var part in setting.Path.Split('.'))
            {
                node = (node as JsonObject)?[part];
            }

            var about = schema.SettingDescription(setting.Path);
            sheet.Add(XlsxValue.Of(setting.Path), Value(setting.Cell, node), XlsxValue.Of(about));

            // Each value cell shows its setting's description, and offers the values of a closed list.
            sheet.Check(new XlsxValidation(1, lists.Source(setting.List), setting.Cell != SlateCell.List, setting.Path, about) { Row = row++ });
        }

        return sheet;
    }

    private static XlsxColumn Column(SlateColumn column) => new(column.Header, column.Cell switch
    {
        SlateCell.Date => XlsxColumnFormat.Date,
        SlateCell.Number or SlateCell.Boolean => XlsxColumnFormat.General,
        _ => XlsxColumnFormat.Text,
    });

    private static void Describe(XlsxSheet sheet, IReadOnlyList<SlateColumn> columns, SlateSchema schema, SlateListsSheet lists)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var prompt = column.Header switch
            {
                SlateLayout.ScopeHeader => "default: the ranges of every region without its own list; region: a region's own list; genre: a genre's list.",
                SlateLayout.KeyHeader => "The region id (scope region) or the genre (scope genre); empty for the default list.",
                _ => schema.Description(column.SchemaDefinition, column.Header),
            };
            sheet.Check(new XlsxValidation(i, lists.Source(column.List), column.StrictList, column.Header, prompt));
        }
    }

    /// <summary>The cell of a field's JSON value; the field's text when it does not have the expected shape.</summary>
    internal static XlsxValue Value(SlateCell cell, JsonNode? node)
    {
        if (node is null)
        {
            return XlsxValue.Empty;
        }

        return (cell, node) switch
        {
            (SlateCell.Number, JsonValue v) when v.TryGetValue<double>(out var number) => XlsxValue.Of(number),
            (SlateCell.Boolean, JsonValue v) when v.TryGetValue<bool>(out var flag) => XlsxValue.Of(flag),
            (SlateCell.Date or SlateCell.Pinned, JsonValue v) when Date(v) is { } date => date,
            (SlateCell.List or SlateCell.DateList, JsonArray items) => XlsxValue.Of(CellText.Join(items.Select(Text))),
            (SlateCell.NumberMap or SlateCell.DateMap or SlateCell.Pinned, JsonObject map) => XlsxValue.Of(CellText.Join(map.Select(p => CellText.Pair(p.Key, Text(p.Value))))),
            (SlateCell.After, JsonArray items) => XlsxValue.Of(CellText.Join(items.Select(i => CellText.Pair(Text(i?["title"]), Text(i?["minGapDays"]))))),
            (SlateCell.Json, _) => XlsxValue.Of(node.ToJsonString()),
            _ => XlsxValue.Of(Text(node)),
        };
    }

    private static XlsxValue? Date(JsonValue value)
        => value.TryGetValue<string>(out var text) && LocalDatePattern.Iso.Parse(text) is { Success: true } parsed
            ? XlsxValue.Of(parsed.Value)
            : null;

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v when v.TryGetValue<double>(out var number) => number.ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
