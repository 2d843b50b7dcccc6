using System.Text.Json.Nodes;
using Scheduler.Core.Validation;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Workbooks.Slates;

/// <summary>The Settings and Seasonality sheets, which are not one item per row.</summary>
public static partial class SlateReader
{
    private static void ReadSettings(XlsxReadSheet sheet, JsonObject document, SlateCells cells, List<ScenarioError> errors)
    {
        var headers = sheet.Rows.GetValueOrDefault(1);
        var settingColumn = HeaderColumn(headers, SlateLayout.SettingHeader) ?? 1;
        var valueColumn = HeaderColumn(headers, SlateLayout.ValueHeader) ?? 2;
        var seen = new Dictionary<SlateSetting, string>();
        foreach (var row in DataRows(sheet))
        {
            if (sheet.Cell(settingColumn, row) is not { } nameCell)
            {
                if (sheet.Cell(valueColumn, row) is { } orphan)
                {
                    errors.Add(new ScenarioError(
                        ErrorPath.Json(JsonPath.Root).AtCell(SlateCells.CellPlace(sheet.Name, orphan.Reference, SlateLayout.ValueHeader)),
                        $"a value without its setting: name the setting in column '{SlateLayout.SettingHeader}'"));
                }

                continue;
            }

            var name = SlateCellReader.Text(nameCell);
            var setting = SlateLayout.SettingRows.FirstOrDefault(s => string.Equals(s.Path, name, StringComparison.OrdinalIgnoreCase));
            var namePlace = SlateCells.CellPlace(sheet.Name, nameCell.Reference, SlateLayout.SettingHeader);
            if (setting is null)
            {
                errors.Add(new ScenarioError(
                    ErrorPath.Json(JsonPath.Root).AtCell(namePlace),
                    $"'{name}' is not a setting; the settings are {string.Join(", ", SlateLayout.SettingRows.Select(s => s.Path))}"));
                continue;
            }

            if (seen.TryGetValue(setting, out var first))
            {
                errors.Add(new ScenarioError(ErrorPath.Json(JsonPath.Root).AtCell(namePlace), $"setting '{setting.Path}' is given twice (first at {first})"));
                continue;
            }

            seen[setting] = namePlace;

            var parts = setting.Path.Split('.');
            var path = parts.Aggregate(JsonPath.Root, JsonPath.Property);
            var place = SlateCells.CellPlace(sheet.Name, CellReference.Of(valueColumn, row), setting.Path);
            cells.AddWithParents(path, place);
            if (sheet.Cell(valueColumn, row) is not { } cell || Value(setting.Cell, cell, path, place, errors) is not { } value)
            {
                continue;
            }

            var parent = document;
            foreach (var part in parts[..^1])
            {
                parent = parent[part] as JsonObject ?? (JsonObject)(parent[part] = new JsonObject());
            }

            parent[parts[^1]] = value;
        }
    }

    private static void ReadSeasonality(XlsxReadSheet sheet, JsonObject document, SlateCells cells, List<ScenarioError> errors)
    {
        var seasonality = new JsonObject();
        var sectionPath = JsonPath.Property(JsonPath.Root, "seasonality");
        cells.Add(sectionPath, SlateCells.SheetPlace(sheet.Name));
        var columns = Headers(sheet, SlateLayout.SeasonalityColumns, sectionPath, errors);
        foreach (var row in DataRows(sheet))
        {
            string? Text(string header) => columns.FirstOrDefault(c => c.Column.Header == header) is var (n, _) && n > 0 && sheet.Cell(n, row) is { } cell ? SlateCellReader.Text(cell) : null;
            string Place(string header) => SlateCells.CellPlace(sheet.Name, CellReference.Of(columns.FirstOrDefault(c => c.Column.Header == header).Number is var n and > 0 ? n : 1, row), header);

            var scope = Text(SlateLayout.ScopeHeader)?.ToLowerInvariant();
            var key = Text(SlateLayout.KeyHeader);
            (string? Path, JsonArray? List, string? Problem) target = (scope, key) switch
            {
                (SlateLayout.DefaultScope, null) => (JsonPath.Property(sectionPath, "default"), List(seasonality, "default", null), null),
                (SlateLayout.DefaultScope, _) => (null, null, "a range of the default list has no key; the key names a region or a genre"),
                (SlateLayout.RegionScope or SlateLayout.GenreScope, null) => (null, null, $"a range of a {scope}'s list needs the {scope} in column '{SlateLayout.KeyHeader}'"),
                (SlateLayout.RegionScope, _) => (JsonPath.Property(JsonPath.Property(sectionPath, "regions"), key), List(seasonality, "regions", key), null),
                (SlateLayout.GenreScope, _) => (JsonPath.Property(JsonPath.Property(sectionPath, "genres"), key), List(seasonality, "genres", key), null),
                _ => (null, null, $"scope must be {SlateLayout.DefaultScope}, {SlateLayout.RegionScope} or {SlateLayout.GenreScope}, not '{scope}'"),
            };
            var (listPath, list, problem) = target;
            if (problem is not null)
            {
                errors.Add(new ScenarioError(ErrorPath.Json(sectionPath).AtCell(Place(scope is SlateLayout.DefaultScope or SlateLayout.RegionScope or SlateLayout.GenreScope ? SlateLayout.KeyHeader : SlateLayout.ScopeHeader)), problem));
                continue;
            }

            cells.Add(listPath!, SlateCells.RowPlace(sheet.Name, row));
            var range = new JsonObject();
            var rangePath = JsonPath.Index(listPath!, list!.Count);
            foreach (var (number, column) in columns.Where(c => c.Column.SchemaDefinition == "seasonalRange"))
            {
                var fieldPath = JsonPath.Property(rangePath, column.Header);
                var place = SlateCells.CellPlace(sheet.Name, CellReference.Of(number, row), column.Header);
                cells.Add(fieldPath, place);
                if (sheet.Cell(number, row) is { } cell && Value(column.Cell, cell, fieldPath, place, errors) is { } value)
                {
                    range[column.Header] = value;
                }
            }

            // A row of a scope and key alone is a list without ranges: a region's own list that clears the default.
            if (range.Count > 0)
            {
                cells.Add(rangePath, SlateCells.RowPlace(sheet.Name, row));
                list.Add(range);
            }
        }

        if (seasonality.Count > 0)
        {
            document["seasonality"] = seasonality;
        }
    }

    private static JsonArray List(JsonObject seasonality, string field, string? key)
    {
        if (key is null)
        {
            return seasonality[field] as JsonArray ?? (JsonArray)(seasonality[field] = new JsonArray());
        }

        var lists = seasonality[field] as JsonObject ?? (JsonObject)(seasonality[field] = new JsonObject());
        return lists[key] as JsonArray ?? (JsonArray)(lists[key] = new JsonArray());
    }

    private static int? HeaderColumn(IReadOnlyDictionary<int, XlsxCell>? headers, string header)
        => headers?.FirstOrDefault(h => string.Equals(SlateCellReader.Text(h.Value), header, StringComparison.OrdinalIgnoreCase)).Key is int n and > 0 ? n : null;
}
