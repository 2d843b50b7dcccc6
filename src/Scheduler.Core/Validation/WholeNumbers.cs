using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Core.Validation;

/// <summary>
/// JSON Schema draft-07 counts a number with a zero fraction (<c>7.0</c>, <c>7e0</c>) as an integer,
/// and so does the loader. NJsonSchema reads such a number as a float and refuses it where the
/// schema says <c>"integer"</c>, so the copy it checks writes each of them as the plain integer.
/// </summary>
internal static class WholeNumbers
{
    /// <summary>A copy of <paramref name="node"/> in which every whole number written with a fraction or an exponent is written plainly.</summary>
    public static JsonNode? Plain(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Plain(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Plain)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && Whole(value.ToJsonString()) is { } whole => JsonValue.Create(whole),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// The value of <paramref name="raw"/> when it is a whole number written with a fraction or an exponent.
    /// Read as a decimal, so that 7.0000000000000001 stays a fraction, as draft-07 validators read it.
    /// </summary>
    public static long? Whole(string raw)
        => raw.AsSpan().IndexOfAny(".eE") >= 0
           && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
           && decimal.Truncate(number) == number
           && number is >= long.MinValue and <= long.MaxValue
            ? (long)number
            : null;
}
