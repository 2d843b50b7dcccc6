using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// The first check of a scenario file: is it JSON at all, is its top level an object, are there
/// duplicate field names (JSON allows them, the scenario does not) or numbers too large to be finite.
/// </summary>
internal static class JsonText
{
    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>How a scenario the loader writes is laid out: indented, for a planner to read.</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };

    /// <summary>Parses <paramref name="utf8"/> into an object, or returns null after adding every error found.</summary>
    public static JsonObject? ParseObject(ReadOnlyMemory<byte> utf8, List<ScenarioError> errors)
    {
        var span = utf8.Span;
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
            span = utf8.Span;
        }

        if (span.Trim(" \t\r\n"u8).IsEmpty)
        {
            errors.Add(new ScenarioError(JsonPath.Root, Messages.EmptyFile));
            return null;
        }

        if (FirstInvalidUtf8(span) is { } bad)
        {
            // System.Text.Json accepts invalid UTF-8 inside strings and fails only when they are read.
            var before = span[..bad];
            var line = before.Count((byte)'\n') + 1;
            var column = bad - (before.LastIndexOf((byte)'\n') + 1) + 1;
            errors.Add(new ScenarioError(ErrorPath.LineAndColumn(line, column), Messages.NotUtf8(span[bad])));
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Strict);
        }
        catch (JsonException ex)
        {
            errors.Add(new ScenarioError(
                ErrorPath.LineAndColumn((ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1),
                Messages.BrokenJson(ex.Message)));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ScenarioError(JsonPath.Root, Messages.TopLevelNotObject(JsonValues.Describe(root))));
                return null;
            }

            var before = errors.Count;
            CheckValues(root, JsonPath.Root, errors);
            return errors.Count > before ? null : JsonNode.Parse(root.GetRawText())!.AsObject();
        }
    }

    /// <summary>The offset of the first byte that is not valid UTF-8, or null when the text is valid.</summary>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        if (System.Text.Unicode.Utf8.IsValid(text))
        {
            return null;
        }

        Span<char> sink = stackalloc char[256];
        var offset = 0;
        while (true)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(text[offset..], sink, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                return offset;
            }
        }
    }

    private static void CheckValues(JsonElement element, string path, List<ScenarioError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        errors.Add(new ScenarioError(path, Messages.DuplicateField(property.Name)));
                    }

                    CheckValues(property.Value, JsonPath.Property(path, property.Name), errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckValues(item, JsonPath.Index(path, index++), errors);
                }

                break;
            case JsonValueKind.Number when !element.TryGetDouble(out var number) || !double.IsFinite(number):
                errors.Add(new ScenarioError(path, Messages.NotFinite(element.GetRawText())));
                break;

            // A whole number past 64 bits cannot be checked against the schema (its validator reads
            // whole numbers as such); no field comes anywhere near it.
            case JsonValueKind.Number when element.GetRawText().AsSpan().IndexOfAny(".eE") < 0 && !element.TryGetInt64(out _):
                errors.Add(new ScenarioError(path, Messages.WholeNumberTooLarge(element.GetRawText())));
                break;
        }
    }
}
