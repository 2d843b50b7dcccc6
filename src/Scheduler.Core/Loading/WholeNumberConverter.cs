using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// Reads an integer field written as <c>7.0</c> or <c>7e0</c> as 7, as JSON Schema draft-07 (and so
/// the schema layer before it) counts such a number as an integer; System.Text.Json alone refuses it.
/// </summary>
internal sealed class WholeNumberConverter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out var value))
            {
                return value;
            }

            var raw = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            if (WholeNumbers.Whole(raw) is { } whole and >= int.MinValue and <= int.MaxValue)
            {
                return (int)whole;
            }
        }

        // The schema has refused anything else before the reader runs.
        throw new JsonException($"expected a whole number, found {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
