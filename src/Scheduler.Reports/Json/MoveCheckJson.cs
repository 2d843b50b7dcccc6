using NodaTime.Text;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;

namespace Scheduler.Reports.Json;

/// <summary>
/// What moving releases of a run's plan would do (<c>POST /api/runs/{id}/check</c>): the change in
/// the objective (value less clash cost), in value and in clash cost, each release moved with its
/// value and factors before and after, and every hard rule the moves break.
/// </summary>
public sealed record MoveCheckDocument(
    double ObjectiveChange,
    double ValueChange,
    double ClashCostChange,
    bool Feasible,
    IReadOnlyList<CheckedReleaseJson> Releases,
    IReadOnlyList<ViolationJson> Violations);

/// <summary>
/// A release moved (or placed): in what mode, from what date and value to what date and value;
/// <see cref="Before"/> is null when the plan did not release the title in the region.
/// </summary>
public sealed record CheckedReleaseJson(string Title, string Region, string Mode, ReleaseValueJson? Before, ReleaseValueJson After);

/// <summary>A release's date, its value and the value's factors.</summary>
public sealed record ReleaseValueJson(string Date, double Value, ValueFactors Factors);

/// <summary>
/// A hard rule broken: its short name (<c>capacity</c>), how the contract numbers it
/// (<c>rule 5</c>), what it asks, the sentence, and the titles, regions and dates in the way.
/// </summary>
public sealed record ViolationJson(string Rule, string Label, string Name, string Message, IReadOnlyList<string> Titles, IReadOnlyList<string> Regions, IReadOnlyList<string> Dates);

/// <summary>Move checks as the API gives them.</summary>
public static class MoveCheckJson
{
    public static MoveCheckDocument Of(MoveCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new MoveCheckDocument(
            result.ObjectiveChange,
            result.ValueChange,
            result.ClashCostChange,
            !result.Breaks,
            [.. result.Releases.Select(r => new CheckedReleaseJson(r.Title, r.Region, r.Mode, r.Before is null ? null : Value(r.Before), Value(r.After)))],
            [.. result.Violations.Select(Violation)]);
    }

    public static ViolationJson Violation(PlanViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return new ViolationJson(
            violation.Rule?.ShortName ?? "report",
            violation.Rule?.Label ?? "",
            violation.Rule?.Name ?? "the plan's figures agree with its releases",
            violation.Message,
            violation.Titles,
            violation.Regions,
            [.. violation.Dates.Select(LocalDatePattern.Iso.Format)]);
    }

    private static ReleaseValueJson Value(Core.Values.ValueBreakdown breakdown)
        => new(LocalDatePattern.Iso.Format(breakdown.Date), breakdown.Value, ValueFactorsJson.Of(breakdown));
}
