using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Core.Loading;

/// <summary>
/// What a scenario asks the planner, as one SHA-256: the scenario's JSON in a canonical form
/// (object members in ordinal order, numbers by value, so that <c>7</c> and <c>7.0</c> agree, no
/// whitespace), without what does not change a plan: <c>$schema</c>, <c>name</c>,
/// <c>description</c> and the <c>variants</c> themselves. Two scenarios with the same fingerprint
/// get the same plan: a variant whose merged scenario has its base's fingerprint is not solved again.
/// </summary>
public static class ModelFingerprint
{
    private static readonly string[] Descriptive = ["$schema", "name", "description", "variants"];

    /// <summary>The fingerprint of <paramref name="scenario"/>, a whole scenario (a base, or a variant after its merge), as lower-case hex.</summary>
    public static string Of(JsonObject scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in scenario.Where(p => !Descriptive.Contains(p.Key, StringComparer.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                Write(writer, value);
            }

            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, member) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, member);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                var value = node.AsValue();
                if (value.GetValueKind() == JsonValueKind.Number)
                {
                    writer.WriteRawValue(Number(value.ToJsonString()), skipInputValidation: true);
                }
                else
                {
                    value.WriteTo(writer);
                }

                break;
        }
    }

    // A number by its value: 7, 7.0 and 7e0 are one number; a decimal keeps every digit it has.
    private static string Number(string text)
        => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? exact.ToString("0.############################", CultureInfo.InvariantCulture)
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
}
