using Scheduler.Core.Loading;
using Scheduler.Core.Rules;
using Scheduler.Solver.Diagnosis;

namespace Scheduler.Application.Scenarios;

/// <summary>Whether a scenario, or one of its variants, is proven not to fit: the proofs, none when nothing proves it.</summary>
/// <param name="Variant">The variant, or null for the base scenario.</param>
/// <param name="Proofs">Each conflict of rules that no plan can resolve, in the planners' words; empty when none is proven.</param>
public sealed record SlateFitting(string? Variant, IReadOnlyList<RuleConflict> Proofs)
{
    /// <summary>True when a proof shows that no plan keeps every hard rule.</summary>
    public bool ProvenInfeasible => Proofs.Count > 0;
}

/// <summary>
/// <c>validate --deep</c>: the rule checks the planner makes before its search (docs/explanations.md,
/// "Why a scenario cannot be planned"), for the base scenario and every valid variant, without planning. A
/// scenario they do not refuse may still have no plan; one they refuse has none.
/// </summary>
public static class SlateFit
{
    public static IReadOnlyList<SlateFitting> Check(ScenarioDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return
        [
            new SlateFitting(null, new InfeasibilityDiagnoser(document.Scenario).Diagnose()),
            .. document.Variants.Where(v => v.IsValid).Select(v => new SlateFitting(v.Variant.Id, new InfeasibilityDiagnoser(v.Scenario!).Diagnose())),
        ];
    }
}
