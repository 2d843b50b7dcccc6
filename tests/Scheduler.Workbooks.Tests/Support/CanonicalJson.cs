using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Workbooks.Tests.Support;

/// <summary>
/// The canonical form two scenario documents are compared in: keys sorted, numbers by value, and a
/// field holding an empty text, list or object left out, as an empty cell leaves it out (every such
/// field's default is empty), except a region's or genre's seasonal list, where an empty list
/// clears the default (docs/workbooks.md). A variant's changes are compared as they are, keys sorted.
/// </summary>
internal static class CanonicalJson
{
    public static string Of(JsonNode? node) => Canonical(node, "$", verbatim: false)?.ToJsonString() ?? "null";

    private static JsonNode? Canonical(JsonNode? node, string path, bool verbatim) => node switch
    {
        JsonObject o => new JsonObject(o
            .Where(p => verbatim || KeepsEmpty(path) || !IsEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value, $"{path}.{p.Key}", verbatim || p.Key == "changes")))),
        JsonArray a => new JsonArray([.. a.Select((item, i) => Canonical(item, $"{path}[]", verbatim))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number
            => JsonValue.Create(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
        null => null,
        _ => node.DeepClone(),
    };

    private static bool KeepsEmpty(string path) => path is "$.seasonality.regions" or "$.seasonality.genres";

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v => v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0,
        _ => false,
    };
}
