using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Slates;

/// <summary>A cell's value as a scenario field, or why it cannot be one.</summary>
internal readonly record struct CellReading(JsonNode? Value, string? Error)
{
    public static CellReading Of(JsonNode? value) => new(value, null);

    public static CellReading Fails(string error) => new(null, error);
}

/// <summary>Turns one cell into the JSON value of its field, by the column's <see cref="SlateCell"/>.</summary>
internal static class SlateCellReader
{
    public static CellReading Read(SlateCell kind, XlsxCell cell)
    {
        if (cell.Kind == XlsxCellKind.Error)
        {
            return CellReading.Fails($"holds the Excel error {cell.Text}");
        }

        return kind switch
        {
            SlateCell.Number => Number(cell),
            SlateCell.Boolean => Boolean(cell),
            SlateCell.Date => Date(cell),
            SlateCell.Time => Time(cell),
            SlateCell.List => List(cell, item => JsonValue.Create(item)),
            SlateCell.DateList => cell.Kind is XlsxCellKind.Date or XlsxCellKind.Number ? OneDate(cell) : List(cell, item => JsonValue.Create(item)),
            SlateCell.NumberMap => Map(cell, "a number", value => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? NumberNode(n) : null),
            SlateCell.DateMap => Map(cell, "a date", DateText),
            SlateCell.After => After(cell),
            SlateCell.Pinned => cell.Kind is XlsxCellKind.Date or XlsxCellKind.Number || !cell.Text.Contains('=', StringComparison.Ordinal)
                ? Date(cell)
                : Map(cell, "a date", DateText),
            SlateCell.Json => Json(cell),
            _ => CellReading.Of(JsonValue.Create(Text(cell))),
        };
    }

    private static JsonNode? DateText(string text) => JsonValue.Create(text);

    /// <summary>A whole number as an integer, so integer fields read back as they were written.</summary>
    public static JsonNode NumberNode(double number)
        => Math.Abs(number) < 1e15 && number == Math.Floor(number) ? JsonValue.Create((long)number) : JsonValue.Create(number);

    /// <summary>The cell as text: numbers as written in the file, without Excel's formatting.</summary>
    public static string Text(XlsxCell cell) => cell.Kind switch
    {
        XlsxCellKind.Number or XlsxCellKind.Date => cell.Number.ToString("R", CultureInfo.InvariantCulture),
        XlsxCellKind.Boolean => cell.Number != 0 ? "true" : "false",
        _ => cell.Text,
    };

    private static CellReading Number(XlsxCell cell) => cell.Kind switch
    {
        XlsxCellKind.Number or XlsxCellKind.Date => CellReading.Of(NumberNode(cell.Number)),
        XlsxCellKind.Text when double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) => CellReading.Of(NumberNode(n)),
        _ => CellReading.Fails($"must be a number, not '{Text(cell)}'"),
    };

    private static CellReading Boolean(XlsxCell cell)
    {
        var text = Text(cell).ToLowerInvariant();
        return text switch
        {
            "true" or "yes" or "1" => CellReading.Of(JsonValue.Create(true)),
            "false" or "no" or "0" => CellReading.Of(JsonValue.Create(false)),
            _ => CellReading.Fails($"must be TRUE or FALSE, not '{Text(cell)}'"),
        };
    }

    /// <summary>An Excel date, or text for the scenario's checks to judge (they name what is wrong with it).</summary>
    private static CellReading Date(XlsxCell cell)
    {
        if (cell.Kind is XlsxCellKind.Text)
        {
            return CellReading.Of(JsonValue.Create(cell.Text));
        }

        if (cell.Kind is XlsxCellKind.Number or XlsxCellKind.Date && ExcelDates.DateTimeOf(cell.Number) is { } when)
        {
            return when.TimeOfDay != LocalTime.Midnight
                ? CellReading.Fails($"must be a date without a time of day, not {when:yyyy-MM-dd HH:mm}")
                : CellReading.Of(JsonValue.Create(when.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return CellReading.Fails($"must be a date (an Excel date or YYYY-MM-DD), not '{Text(cell)}'");
    }

    private static CellReading OneDate(XlsxCell cell)
    {
        var date = Date(cell);
        return date.Error is null ? CellReading.Of(new JsonArray(date.Value)) : date;
    }

    private static CellReading Time(XlsxCell cell)
    {
        if (cell.Kind is XlsxCellKind.Text)
        {
            return CellReading.Of(JsonValue.Create(cell.Text));
        }

        return cell.Kind is XlsxCellKind.Number or XlsxCellKind.Date && ExcelDates.TimeOf(cell.Number) is { } time
            ? CellReading.Of(JsonValue.Create(time.ToString("HH:mm", CultureInfo.InvariantCulture)))
            : CellReading.Fails($"must be a time of day, HH:mm, not '{Text(cell)}'");
    }

    private static CellReading List(XlsxCell cell, Func<string, JsonNode?> item)
    {
        var items = CellText.Split(Text(cell));
        return items is null
            ? CellReading.Fails("has a double quote that is not closed")
            : CellReading.Of(new JsonArray([.. items.Select(item)]));
    }

    private static CellReading Map(XlsxCell cell, string expected, Func<string, JsonNode?> value)
    {
        var items = CellText.Split(Text(cell));
        if (items is null)
        {
            return CellReading.Fails("has a double quote that is not closed");
        }

        var map = new JsonObject();
        foreach (var item in items)
        {
            if (CellText.Unpair(item) is not var (key, text))
            {
                return CellReading.Fails($"must list region=value pairs separated by commas; '{item}' has no '='");
            }

            if (map.ContainsKey(key))
            {
                return CellReading.Fails($"names '{key}' twice");
            }

            map[key] = value(text) ?? (JsonNode?)null;
            if (map[key] is null)
            {
                return CellReading.Fails($"gives '{key}' the value '{text}', which is not {expected}");
            }
        }

        return CellReading.Of(map);
    }

    private static CellReading After(XlsxCell cell)
    {
        var items = CellText.Split(Text(cell));
        if (items is null)
        {
            return CellReading.Fails("has a double quote that is not closed");
        }

        var after = new JsonArray();
        foreach (var item in items)
        {
            if (CellText.Unpair(item) is not var (title, gap) || !long.TryParse(gap, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
            {
                return CellReading.Fails($"must list title=days pairs separated by commas (the title released before and the least gap in days); '{item}' is not one");
            }

            after.Add(new JsonObject { ["title"] = title, ["minGapDays"] = days });
        }

        return CellReading.Of(after);
    }

    private static CellReading Json(XlsxCell cell)
    {
        try
        {
            return CellReading.Of(JsonNode.Parse(Text(cell)));
        }
        catch (JsonException ex)
        {
            return CellReading.Fails($"must hold the variant's changes as JSON: {ex.Message}");
        }
    }
}
