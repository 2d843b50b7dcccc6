using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Core.Validation;

/// <summary>JSON values as error messages name them.</summary>
internal static class JsonValues
{
    /// <summary>A short description of a JSON value for messages: <c>the string "12"</c>, <c>the number 3</c>, <c>an array</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    public static string Describe(JsonNode? value) => value is null ? "null" : Describe(JsonSerializer.SerializeToElement(value));

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
