using NodaTime.Text;
using Scheduler.Storage;

namespace Scheduler.Reports.Json;

/// <summary>One stored run as <c>runs --json</c> and <c>GET /api/runs</c> list it: instants as UTC text, <c>createdAt</c> never changing.</summary>
public sealed record RunListItem(
    long Id,
    string Scenario,
    string? Variant,
    RunTrigger Trigger,
    RunState State,
    string Status,
    double? Objective,
    double? Gap,
    string CreatedAt,
    string? StartedAt,
    string? FinishedAt,
    bool Adopted,
    string? RequestedBy,
    bool HasPlan)
{
    /// <summary>The run whose alternative this run is; null for most runs.</summary>
    public long? AlternativeOf { get; init; }
}

/// <summary>Stored runs as <c>runs --json</c> prints them, newest first.</summary>
public static class RunListJson
{
    public static IReadOnlyList<RunListItem> Of(IEnumerable<RunSummary> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return [.. runs.Select(r => new RunListItem(
            r.Id,
            r.Scenario,
            r.Variant,
            r.Trigger,
            r.State,
            r.Status,
            r.Objective,
            r.Gap,
            InstantPattern.General.Format(r.CreatedAt),
            r.StartedAt is { } started ? InstantPattern.General.Format(started) : null,
            r.FinishedAt is { } finished ? InstantPattern.General.Format(finished) : null,
            r.Adopted,
            r.RequestedBy,
            r.HasPlan)
        {
            AlternativeOf = r.AlternativeOf,
        })];
    }
}
