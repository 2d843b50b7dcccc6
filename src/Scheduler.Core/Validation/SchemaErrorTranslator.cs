using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Scheduler.Core.Validation;

/// <summary>Turns NJsonSchema's errors into a JSON path and a plain sentence that quotes the offending value.</summary>
internal static class SchemaErrorTranslator
{
    public static ScenarioError Translate(ValidationError error, JsonObject document)
    {
        var segments = ParsePath(error.Path);
        if (error.Kind == ValidationErrorKind.PropertyRequired && segments.Count > 0)
        {
            segments.RemoveAt(segments.Count - 1);
            return new ScenarioError(Format(segments), Messages.MissingField(error.Property ?? "?")) { MissingField = error.Property };
        }

        var value = Find(document, segments);
        var schema = error.Schema?.ActualSchema;
        var message = error.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed => Messages.UnknownField(
                error.Property ?? Last(segments),
                Suggest(error.Property ?? Last(segments), schema?.Properties.Keys ?? [])),
            ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                => Messages.WrongType(ExpectedType(error.Kind), JsonValues.Describe(value)),
            // A pinned date (a date or an object of dates): a text in the form of a date is not a calendar date.
            ValidationErrorKind.NoTypeValidates when value is JsonValue text && text.TryGetValue<string>(out var pinned)
                => schema?.Pattern is { } pattern && Regex.IsMatch(pinned, pattern) ? Messages.NotADate(pinned) : Messages.PatternMismatch(pinned, schema?.Pattern),
            ValidationErrorKind.NoTypeValidates => Messages.WrongType(Messages.DateOrDatesByRegion, JsonValues.Describe(value)),
            ValidationErrorKind.NumberTooSmall => TooSmall(schema, value),
            ValidationErrorKind.NumberTooBig => TooBig(schema, value),
            ValidationErrorKind.PatternMismatch => Messages.PatternMismatch(Text(value), schema?.Pattern),
            ValidationErrorKind.DateExpected => Messages.NotADate(Text(value)),
            ValidationErrorKind.NotInEnumeration => Messages.NotInEnumeration(
                Text(value),
                schema?.Enumeration.Select(e => Convert.ToString(e, CultureInfo.InvariantCulture) ?? "null") ?? []),
            ValidationErrorKind.TooFewItems => Messages.TooFewItems(schema?.MinItems ?? 1),
            ValidationErrorKind.ItemsNotUnique => Messages.RepeatedItem(FirstRepeat(value)),
            ValidationErrorKind.StringTooShort => Messages.EmptyText,
            _ => Messages.SchemaMismatch(error.Kind.ToString()),
        };
        return new ScenarioError(Format(segments), message);
    }

    // A number with bounds on both sides is told its whole range, whichever side it left.
    private static string TooSmall(JsonSchema? schema, JsonNode? value) => HasUpperBound(schema)
        ? Range(schema!, value)
        : schema?.ExclusiveMinimum is { } exclusive
            ? Messages.NotGreaterThan(exclusive, JsonValues.Describe(value))
            : Messages.NotAtLeast(schema?.Minimum ?? 0, JsonValues.Describe(value));

    private static string TooBig(JsonSchema? schema, JsonNode? value) => HasLowerBound(schema)
        ? Range(schema!, value)
        : schema?.ExclusiveMaximum is { } exclusive
            ? Messages.NotLessThan(exclusive, JsonValues.Describe(value))
            : Messages.NotAtMost(schema?.Maximum ?? 0, JsonValues.Describe(value));

    private static bool HasLowerBound(JsonSchema? schema) => schema?.Minimum is not null || schema?.ExclusiveMinimum is not null;

    private static bool HasUpperBound(JsonSchema? schema) => schema?.Maximum is not null || schema?.ExclusiveMaximum is not null;

    private static string Range(JsonSchema schema, JsonNode? value) => Messages.OutOfRange(
        schema.ExclusiveMinimum ?? schema.Minimum ?? 0,
        schema.ExclusiveMinimum is not null,
        schema.ExclusiveMaximum ?? schema.Maximum ?? 0,
        schema.ExclusiveMaximum is not null,
        JsonValues.Describe(value));

    private static string ExpectedType(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => "a string",
        ValidationErrorKind.NumberExpected => "a number",
        ValidationErrorKind.IntegerExpected => "a whole number",
        ValidationErrorKind.BooleanExpected => "true or false",
        ValidationErrorKind.ObjectExpected => "an object",
        _ => "an array",
    };

    private static string Text(JsonNode? value)
        => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";

    private static string FirstRepeat(JsonNode? value)
    {
        if (value is not JsonArray array)
        {
            return "?";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return array.Select(Text).FirstOrDefault(item => !seen.Add(item)) ?? "?";
    }

    /// <summary>The known field closest to a misspelt one, when it is close enough to be a typo.</summary>
    private static string? Suggest(string unknown, IEnumerable<string> known)
    {
        var best = known
            .Select(name => (name, distance: EditDistance(unknown.ToUpperInvariant(), name.ToUpperInvariant())))
            .OrderBy(c => c.distance)
            .FirstOrDefault();
        return best.name is not null && best.distance <= Math.Max(1, unknown.Length / 3) ? best.name : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>Splits NJsonSchema's <c>#/titles[0].affinity.us</c> into names and indices.</summary>
    // The validator's paths are dotted and unescaped ("#/titles[3].readiness.jp"); a field name that
    // itself holds '[' or '.' (an unknown field such as "[regions") cannot be told apart, so what
    // does not read as an index stays part of the name rather than failing.
    private static List<object> ParsePath(string? path)
    {
        var segments = new List<object>();
        var text = (path ?? "#/").TrimStart('#', '/');
        foreach (var part in text.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var indexes = new List<int>();
            var name = part;
            while (name.EndsWith(']') && name.LastIndexOf('[') is var open and >= 0
                   && int.TryParse(name.AsSpan(open + 1, name.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                indexes.Insert(0, index);
                name = name[..open];
            }

            if (name.Length > 0)
            {
                segments.Add(name);
            }

            segments.AddRange(indexes.Cast<object>());
        }

        return segments;
    }

    private static string Format(List<object> segments) => segments.Aggregate(
        JsonPath.Root,
        (path, segment) => segment is int index ? JsonPath.Index(path, index) : JsonPath.Property(path, (string)segment));

    private static string Last(List<object> segments) => segments.Count > 0 ? segments[^1].ToString() ?? "" : "";

    private static JsonNode? Find(JsonNode? node, List<object> segments)
    {
        foreach (var segment in segments)
        {
            node = (segment, node) switch
            {
                (int index, JsonArray array) when index < array.Count => array[index],
                (string name, JsonObject obj) => obj[name],
                _ => null,
            };
        }

        return node;
    }
}
