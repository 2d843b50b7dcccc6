using NodaTime.Text;
using Scheduler.Application.Comparing;
using Scheduler.Core.Plans;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;

namespace Scheduler.Reports.Json;

/// <summary>A what-if comparison as <c>compare --json</c> prints it and the API gives it: the base's outcome, then each variant's.</summary>
public sealed record ComparisonDocument(ComparisonOutcome Base, IReadOnlyList<VariantOutcome> Variants);

/// <summary>The base scenario's plan in a comparison: status, KPIs and solver figures, or why there is no plan.</summary>
public sealed record ComparisonOutcome(PlanScenario? Scenario, string Status, PlanKpis? Kpis, PlanSolver? Solver, IReadOnlyList<string> Errors)
{
    /// <summary>The variant whose plan, better under the base's own rules, the base took before the comparison was drawn; absent when none did.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ImprovedBy { get; init; }

    /// <summary>The id of the base's stored run; absent when the comparison stored none (<c>compare --json</c> prints none).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? Run { get; init; }
}

/// <summary>
/// One variant against the base: its status (<c>invalid</c> when it does not load), KPIs, their
/// change, the releases it moves, adds and drops, its mode changes, a one-line summary, and its errors.
/// </summary>
public sealed record VariantOutcome(
    string Id,
    string Status,
    PlanKpis? Kpis,
    KpiDelta? Delta,
    IReadOnlyList<MovedReleaseJson>? Moved,
    IReadOnlyList<string>? Added,
    IReadOnlyList<string>? Dropped,
    IReadOnlyList<ModeChange>? ModeChanges,
    string? Summary,
    IReadOnlyList<FieldErrorJson> Errors)
{
    /// <summary>True (and otherwise absent) when the variant asks the planner exactly what the base does: its outcome is the base's, not solved again.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? SameAsBase { get; init; }

    /// <summary>True (and otherwise absent) when the base plan, which keeps the variant's rules, is better under them than the variant's own search found, so the variant took it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? ImprovedByBase { get; init; }

    /// <summary>The id of the variant's stored run; absent when it has none (it does not load, or the comparison stored nothing).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? Run { get; init; }

    /// <summary>Titles the variant releases in another format than the base does; absent when none does.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FormatChange>? FormatChanges { get; init; }
}

/// <summary>
/// A release the variant moves: from the base's local date to its own, the value that changes, and
/// why (docs/compare.md, "Why a release moves"): <c>forced</c> with the variant's rules that rule
/// out its base date, <c>displaced</c> with those rules and the moved titles that took its place, or
/// <c>improvement</c> with the value the move gains under the variant's values.
/// </summary>
public sealed record MovedReleaseJson(
    string Title, string Region, string From, string To, double ValueChange, string? Cause, IReadOnlyList<string> Rules, IReadOnlyList<string> DisplacedBy, double? Gain)
{
    public static MovedReleaseJson Of(MovedRelease move)
    {
        ArgumentNullException.ThrowIfNull(move);
        return new MovedReleaseJson(
            move.Title,
            move.Region,
            LocalDatePattern.Iso.Format(move.From),
            LocalDatePattern.Iso.Format(move.To),
            move.ValueChange,
            move.Why?.CauseName,
            move.Why?.Rules ?? [],
            move.Why?.DisplacedBy ?? [],
            move.Why?.Gain);
    }
}

/// <summary>What-if comparisons as the CLI and the API give them.</summary>
public static class ComparisonJson
{
    /// <param name="comparison">The comparison.</param>
    /// <param name="requestedVariant">How the front end names the place its user chose the variants (<c>--variant</c>, <c>$.variants</c>).</param>
    /// <param name="runs">The runs it was stored as, named beside each outcome; null names none.</param>
    public static ComparisonDocument Of(Comparison comparison, string requestedVariant, ComparisonRuns? runs = null)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return new ComparisonDocument(
            Outcome(comparison.Base) with { ImprovedBy = comparison.BaseImprovedBy, Run = runs?.Base },
            [.. comparison.Variants.Select(v => new VariantOutcome(
                v.Id,
                v.Errors.Count > 0 ? "invalid" : v.Outcome?.Plan?.Solver.Status ?? v.Outcome!.Status.ToPlanStatus(),
                v.Outcome?.Plan?.Kpis,
                v.Diff?.Delta,
                v.Diff is { } moves ? [.. moves.Moved.Select(MovedReleaseJson.Of)] : null,
                v.Diff?.Added,
                v.Diff?.Dropped,
                v.Diff?.ModeChanges,
                v.Diff is { } diff && comparison.Base.Plan is { } basePlan ? diff.Summary(basePlan) : null,
                [.. ErrorJson.Of(v.Errors, requestedVariant)
                    .Concat((v.Outcome?.Plan is null ? v.Outcome?.Reasons ?? [] : []).Select(r => new FieldErrorJson("", r)))])
            {
                SameAsBase = v.SameAsBase ? true : null,
                ImprovedByBase = v.ImprovedByBase ? true : null,
                Run = runs?.Of(v.Id),
                FormatChanges = v.Diff is { FormatChanges.IsEmpty: false } changed ? changed.FormatChanges : null,
            })]);
    }

    private static ComparisonOutcome Outcome(PlanningOutcome outcome) => new(
        outcome.Plan?.Scenario,
        outcome.Plan?.Solver.Status ?? outcome.Status.ToPlanStatus(),
        outcome.Plan?.Kpis,
        outcome.Plan?.Solver,
        outcome.Plan is null ? outcome.Reasons : []);
}
