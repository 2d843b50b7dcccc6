using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// Loads a scenario file: JSON, then the schema, then meaning, then each variant the same way.
/// Every error of a layer is collected and thrown at once as a <see cref="ScenarioValidationException"/>.
/// </summary>
public sealed class ScenarioLoader
{
    private readonly ScenarioSchema _schema;

    public ScenarioLoader(ScenarioSchema schema)
    {
        _schema = Preconditions.CheckNotNull(schema);
    }

    public static async Task<ScenarioLoader> CreateAsync(CancellationToken cancellationToken = default)
        => new(await ScenarioSchema.LoadAsync(cancellationToken).ConfigureAwait(false));

    public ScenarioDocument LoadFile(string path) => Load(ReadFile(path), path);

    /// <summary>The bytes of a scenario file.</summary>
    /// <exception cref="ScenarioValidationException">The file cannot be read; the error names it.</exception>
    public static byte[] ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ScenarioValidationException(path, [new ScenarioError(ErrorPath.File(path), Messages.ReadFailed(ex.Message))]);
        }
    }

    public ScenarioDocument Load(ReadOnlyMemory<byte> utf8, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<ScenarioError>();
        var document = JsonText.ParseObject(utf8, errors);
        var scenario = document is null ? null : Validate(document, errors);
        if (scenario is null)
        {
            throw new ScenarioValidationException(source, errors);
        }

        var variants = scenario.Variants.Select((variant, index) => LoadVariant(document!, variant, index));
        return new ScenarioDocument(source, Convert.ToHexStringLower(SHA256.HashData(utf8.Span)), scenario, variants, utf8.ToArray())
        {
            ModelFingerprint = Loading.ModelFingerprint.Of(document!),
        };
    }

    /// <summary>
    /// The scenario of <paramref name="document"/> (its variant <paramref name="variantId"/>, when
    /// given) with <paramref name="changes"/> merged in as a variant's changes are, checked like a
    /// scenario: a what-if of a few fields, such as one title added or changed to see where it fits.
    /// Errors of the merge name paths under <paramref name="changesPath"/>; errors of the result, its own paths.
    /// </summary>
    /// <exception cref="ScenarioValidationException">The variant is unknown or invalid, or the changed scenario is invalid.</exception>
    public Domain.Scenario LoadChanged(ScenarioDocument document, string? variantId, JsonObject changes, string changesPath)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(changes);
        var errors = new List<ScenarioError>();
        var root = JsonText.ParseObject(document.Content, errors) ?? throw new ScenarioValidationException(document.Source, errors);
        if (variantId is not null)
        {
            document.Resolve(variantId); // throws for an unknown or invalid variant, as for planning it
            var index = document.Scenario.Variants.ToList().FindIndex(v => v.Id == variantId);
            var variantChanges = JsonNode.Parse(document.Scenario.Variants[index].ChangesJson)!.AsObject();
            root = VariantMerger.Apply(root, variantChanges, JsonPath.Property(JsonPath.Index("$.variants", index), "changes"), errors);
        }

        var merged = VariantMerger.Apply(root, changes, changesPath, errors);
        var scenario = errors.Count > 0 ? null : Validate(merged, errors);
        return scenario ?? throw new ScenarioValidationException(document.Source, errors);
    }

    /// <summary>
    /// A new version of <paramref name="document"/>: <paramref name="changes"/> merged into its base
    /// scenario as a variant's changes are, its variants kept, loaded and checked as any file is.
    /// </summary>
    /// <exception cref="ScenarioValidationException">The merge or the new version is invalid.</exception>
    public ScenarioDocument LoadMerged(ScenarioDocument document, JsonObject changes, string changesPath)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(changes);
        var errors = new List<ScenarioError>();
        var root = JsonText.ParseObject(document.Content, errors) ?? throw new ScenarioValidationException(document.Source, errors);
        var variants = root["variants"]?.DeepClone();
        var merged = VariantMerger.Apply(root, changes, changesPath, errors);
        if (errors.Count > 0)
        {
            throw new ScenarioValidationException(document.Source, errors);
        }

        if (variants is not null)
        {
            merged["variants"] = variants;
        }

        return Load(System.Text.Encoding.UTF8.GetBytes(merged.ToJsonString(JsonText.Indented)), document.Source);
    }

    private Domain.Scenario? Validate(JsonObject document, List<ScenarioError> errors)
    {
        errors.AddRange(_schema.Validate(document));
        return errors.Count > 0 ? null : ScenarioReader.Read(document, errors);
    }

    private VariantOutcome LoadVariant(JsonObject document, Domain.Variant variant, int index)
    {
        var errors = new List<ScenarioError>();
        var changes = JsonNode.Parse(variant.ChangesJson)!.AsObject();
        var changesPath = JsonPath.Property(JsonPath.Index("$.variants", index), "changes");
        var merged = VariantMerger.Apply(document, changes, changesPath, errors);
        var scenario = errors.Count > 0 ? null : Validate(merged, errors);
        return new VariantOutcome(variant, scenario, [.. errors.Select(e => e.InVariant(variant.Id))])
        {
            ModelFingerprint = scenario is null ? null : Loading.ModelFingerprint.Of(merged),
        };
    }
}
