using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Scheduler.Core.Validation;

/// <summary>
/// The first layer of validation: <c>scenarios.schema.json</c>, the same file editors use, checked
/// at run time. Its errors are turned into plain sentences by <see cref="SchemaErrorTranslator"/>.
/// </summary>
public sealed class ScenarioSchema
{
    private const string ResourceName = "Scheduler.Core.scenarios.schema.json";

    private readonly JsonSchema _schema;

    private ScenarioSchema(JsonSchema schema)
    {
        _schema = schema;
    }

    /// <summary>The schema text shipped inside this assembly.</summary>
    public static string EmbeddedText()
    {
        using var stream = typeof(ScenarioSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task<ScenarioSchema> LoadAsync(CancellationToken cancellationToken = default)
        => new(await JsonSchema.FromJsonAsync(LoaderText(), cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The schema the loader checks a file against: the embedded one, except that a variant's
    /// changes need only be an object. The loader checks them by merging them into the scenario and
    /// validating the result at the merged scenario's paths, so that one broken variant hides
    /// neither the base scenario nor the other variants; checking them here too would refuse the
    /// whole file and tell the same mistake twice. Editors get the whole partial scenario.
    /// </summary>
    internal static string LoaderText()
    {
        var schema = JsonNode.Parse(EmbeddedText())!.AsObject();
        schema["definitions"]!["variant"]!["properties"]!["changes"] = new JsonObject { ["type"] = "object" };
        return schema.ToJsonString();
    }

    /// <summary>Every schema error of <paramref name="document"/>, in document order.</summary>
    public IReadOnlyList<ScenarioError> Validate(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<ValidationError>();
        Flatten(_schema.Validate(WholeNumbers.Plain(document)!.ToJsonString()), errors);

        // A text that is not in the form YYYY-MM-DD fails the date's pattern and its "format" both:
        // the pattern's message says what is wrong, the format's would say it again.
        var misshapen = errors.Where(e => e.Kind == ValidationErrorKind.PatternMismatch).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        errors.RemoveAll(e => e.Kind == ValidationErrorKind.DateExpected && misshapen.Contains(e.Path));
        return errors
            .OrderBy(e => e.LineNumber)
            .ThenBy(e => e.LinePosition)
            .Select(e => SchemaErrorTranslator.Translate(e, document))
            .Distinct()
            .ToList();
    }

    private static void Flatten(IEnumerable<ValidationError> source, List<ValidationError> target)
    {
        foreach (var error in source)
        {
            if (error is ChildSchemaValidationError child && error.Kind != ValidationErrorKind.NoTypeValidates)
            {
                foreach (var nested in child.Errors.Values)
                {
                    Flatten(nested, target);
                }
            }
            else
            {
                target.Add(error);
            }
        }
    }
}
