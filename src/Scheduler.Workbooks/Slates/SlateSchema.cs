using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Validation;

namespace Scheduler.Workbooks.Slates;

/// <summary>
/// What the scenario schema says of the workbook's columns: each field's description (the column's
/// prompt) and the closed lists of values, so the workbook states the contract the loader checks.
/// </summary>
internal sealed class SlateSchema
{
    private readonly JsonObject _schema;

    public SlateSchema()
    {
        _schema = JsonNode.Parse(ScenarioSchema.EmbeddedText())!.AsObject();
    }

    /// <summary>The description of property <paramref name="property"/> of definition <paramref name="definition"/>.</summary>
    public string? Description(string definition, string property)
        => Definition(definition)?["properties"]?[property]?["description"]?.GetValue<string>();

    /// <summary>The description of a setting, by its dotted path from the scenario's root.</summary>
    public string? SettingDescription(string path)
    {
        JsonNode? node = _schema;
        foreach (var part in path.Split('.'))
        {
            node = Resolve(node)?["properties"]?[part];
        }

        return node?["description"]?.GetValue<string>() ?? Resolve(node)?["description"]?.GetValue<string>();
    }

    /// <summary>The scenario's own fields, in the schema's order.</summary>
    public ImmutableArray<string> FieldOrder() => [.. _schema["properties"]!.AsObject().Select(p => p.Key)];

    public ImmutableArray<string> Values(SlateList list) => list switch
    {
        SlateList.TitleKind => Enum(Definition("title")!["properties"]!["kind"]),
        SlateList.ReleaseMode => Enum(Definition("title")!["properties"]!["release"]),
        SlateList.Priority => Enum(Definition("title")!["properties"]!["priority"]),
        SlateList.EventKind => Enum(Definition("event")!["properties"]!["kind"]),
        SlateList.Weekday => Enum(Definition("weekdays")!["items"]),
        SlateList.TimeZone => [.. DateTimeZoneProviders.Tzdb.Ids],
        SlateList.SeasonalScope => [SlateLayout.DefaultScope, SlateLayout.RegionScope, SlateLayout.GenreScope],
        _ => [],
    };

    private JsonNode? Definition(string name) => _schema["definitions"]?[name];

    private JsonNode? Resolve(JsonNode? node)
    {
        var reference = node?["$ref"]?.GetValue<string>();
        return reference is null ? node : Definition(reference[(reference.LastIndexOf('/') + 1)..]);
    }

    private static ImmutableArray<string> Enum(JsonNode? node) => [.. node!["enum"]!.AsArray().Select(v => v!.GetValue<string>())];
}
