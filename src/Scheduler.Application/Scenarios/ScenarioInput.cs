using Scheduler.Core.Domain;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;

namespace Scheduler.Application.Scenarios;

/// <summary>A scenario resolved for planning: the document it came from, the scenario (or variant) chosen, and how plans name it.</summary>
public sealed record ScenarioInput(ScenarioDocument Document, Scenario Scenario, string? VariantId)
{
    public PlanScenario Info => new(Scenario.Name, Document.Sha256, VariantId);

    /// <summary>What it asks the planner, as a fingerprint (<see cref="Core.Loading.ModelFingerprint"/>); null when unknown.</summary>
    public string? ModelFingerprint => Document.ModelFingerprintOf(VariantId);

    /// <summary>How messages name it: the scenario's name, and the variant's id when it is one.</summary>
    public string Heading => VariantId is { } variant ? $"{Scenario.Name} (variant {variant})" : Scenario.Name;

    /// <summary>The document's base scenario, or its variant <paramref name="variantId"/>.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The variant is unknown or invalid.</exception>
    public static ScenarioInput Of(ScenarioDocument document, string? variantId)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ScenarioInput(document, document.Resolve(variantId), variantId);
    }
}
