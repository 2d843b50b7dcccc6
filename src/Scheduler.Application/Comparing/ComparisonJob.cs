using Scheduler.Application.Planning;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Validation;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Comparing;

/// <summary>One variant of a comparison: its scenario, or the errors that keep it from being planned.</summary>
public sealed record VariantInput(string Id, ScenarioInput? Input, IReadOnlyList<ScenarioError> Errors);

/// <summary>
/// A what-if comparison asked for: a base scenario, the variants to plan against it, and the solve
/// settings each plan shares. The variants are the base document's (<see cref="OfVariants"/>) or
/// another file (<see cref="OfFile"/>).
/// </summary>
public sealed record ComparisonJob(ScenarioInput Base, IReadOnlyList<VariantInput> Variants, SolveSettings Settings)
{
    /// <summary>Start each variant from the base plan and prefer its dates on ties (the default); false plans each on its own.</summary>
    public bool Anchored { get; init; } = true;

    /// <summary>Variants solved at once in this process.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Who asked, as the audit log names actors.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>
    /// The memory the comparison may use (<see cref="CandidateEstimate.DefaultMemoryLimit"/> but in
    /// tests): all of it for the base, which is planned first and alone, and a share of it for each
    /// variant, as many of which are planned at once as <see cref="Parallelism"/> allows.
    /// </summary>
    public long MemoryLimit { get; init; } = CandidateEstimate.DefaultMemoryLimit;

    /// <summary>What the plan of <paramref name="input"/> may use of <see cref="MemoryLimit"/>.</summary>
    public long MemoryLimitOf(ScenarioInput input)
        => ReferenceEquals(input, Base) ? MemoryLimit : MemoryLimit / Math.Max(1, Math.Min(Parallelism, Variants.Count));

    /// <summary>True when the one variant is another scenario file (<see cref="OfFile"/>), not one of the base document's.</summary>
    public bool OtherFile { get; init; }

    /// <summary>
    /// The variants of <paramref name="baseInput"/>'s document named in <paramref name="requested"/>
    /// (all of them when none is named); an unknown or invalid one carries its errors.
    /// </summary>
    public static ComparisonJob OfVariants(ScenarioInput baseInput, IReadOnlyCollection<string> requested, SolveSettings settings)
    {
        ArgumentNullException.ThrowIfNull(baseInput);
        ArgumentNullException.ThrowIfNull(requested);
        var document = baseInput.Document;
        var ids = requested.Count > 0 ? requested : [.. document.Variants.Select(v => v.Variant.Id)];
        var variants = ids.Select(id => document.Variants.FirstOrDefault(v => v.Variant.Id == id) switch
        {
            null => new VariantInput(id, null, [new ScenarioError(ErrorPath.RequestedVariant, $"the scenario has no variant '{id}'")]),
            { Scenario: { } scenario } => new VariantInput(id, new ScenarioInput(document, scenario, id), []),
            var invalid => new VariantInput(id, null, invalid.Errors),
        });
        return new ComparisonJob(baseInput, [.. variants], settings);
    }

    /// <summary>Another scenario file as the one variant, named <paramref name="id"/>: its scenario, or its errors.</summary>
    public static ComparisonJob OfFile(ScenarioInput baseInput, string id, ScenarioInput? other, IReadOnlyList<ScenarioError> errors, SolveSettings settings)
        => new(baseInput, [new VariantInput(id, other, errors)], settings) { OtherFile = true };

    /// <summary>True when <paramref name="variant"/> asks the planner exactly what the base does: its changes only describe, or undo each other.</summary>
    public bool SameModelAsBase(VariantInput variant)
        => variant?.Input?.ModelFingerprint is { } fingerprint && fingerprint == Base.ModelFingerprint;

    /// <summary>True when <paramref name="variant"/> takes the base's outcome unsolved: the same model, in an anchored comparison (<c>--independent</c> solves it, to show the noise).</summary>
    public bool TakesBaseOutcome(VariantInput variant) => Anchored && SameModelAsBase(variant);

    /// <summary>The plan job of the base, or of one variant.</summary>
    public PlanJob PlanJobOf(ScenarioInput input) => new(input, Settings)
    {
        Trigger = RunTrigger.Compare,
        RequestedBy = RequestedBy,
        MemoryLimit = MemoryLimitOf(input),
    };
}
