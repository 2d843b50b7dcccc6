using System.Collections.Immutable;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>One variant of a document: the scenario it resolves to, or why it does not.</summary>
public sealed record VariantOutcome(Variant Variant, Scenario? Scenario, ImmutableArray<ScenarioError> Errors)
{
    public bool IsValid => Scenario is not null;

    /// <summary>The <see cref="Loading.ModelFingerprint"/> of the scenario after the variant's merge; null when the variant is invalid.</summary>
    public string? ModelFingerprint { get; init; }
}

/// <summary>
/// A loaded scenario file: its identity (source, sha256 of its bytes), the base scenario and each
/// variant, resolved on load so that one broken variant can be reported without hiding the others.
/// </summary>
public sealed class ScenarioDocument
{
    public ScenarioDocument(string source, string sha256, Scenario scenario, IEnumerable<VariantOutcome> variants, ReadOnlyMemory<byte> content = default)
    {
        Content = content;
        Source = Preconditions.CheckNotNull(source);
        Sha256 = Preconditions.CheckNotNull(sha256);
        Scenario = Preconditions.CheckNotNull(scenario);
        Variants = [.. Preconditions.CheckNotNull(variants)];
    }

    public string Source { get; }

    /// <summary>The file's bytes, as they were loaded (what the sha256 is of).</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Lower-case hex sha256 of the file's bytes, as written into plans.</summary>
    public string Sha256 { get; }

    /// <summary>The base scenario (no variant applied).</summary>
    public Scenario Scenario { get; }

    public ImmutableArray<VariantOutcome> Variants { get; }

    /// <summary>The base scenario's <see cref="Loading.ModelFingerprint"/>; null for a document not read from JSON (tests that build one).</summary>
    public string? ModelFingerprint { get; init; }

    /// <summary>The fingerprint of the base (a null id) or of a variant; null when unknown.</summary>
    public string? ModelFingerprintOf(string? variantId)
        => variantId is null ? ModelFingerprint : Variants.FirstOrDefault(v => v.Variant.Id == variantId)?.ModelFingerprint;

    /// <summary>Every variant error, each already naming its variant (and the cell, for a workbook's).</summary>
    public IEnumerable<ScenarioError> VariantErrors => Variants.SelectMany(v => v.Errors).Select(e => _locate?.Invoke(e) ?? e);

    private Func<ScenarioError, ScenarioError>? _locate;

    /// <summary>
    /// The same document, its variant errors also naming where the file it was read from holds the
    /// place (a workbook's cell), by <paramref name="locate"/>.
    /// </summary>
    public ScenarioDocument WithErrorPlaces(Func<ScenarioError, ScenarioError> locate)
        => new(Source, Sha256, Scenario, Variants, Content) { ModelFingerprint = ModelFingerprint, _locate = Preconditions.CheckNotNull(locate) };

    /// <summary>The base scenario for a null id, else the variant's; throws with the variant's errors when it is invalid or unknown.</summary>
    public Scenario Resolve(string? variantId)
    {
        if (variantId is null)
        {
            return Scenario;
        }

        var outcome = Variants.FirstOrDefault(v => v.Variant.Id == variantId)
            ?? throw new ScenarioValidationException(
                Source,
                [new ScenarioError(ErrorPath.RequestedVariant, Messages.UnknownVariant(variantId, Variants.Select(v => v.Variant.Id)))]);
        return outcome.Scenario ?? throw new ScenarioValidationException(Source, outcome.Errors);
    }
}
