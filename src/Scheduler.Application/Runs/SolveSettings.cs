using System.Text.Json;

namespace Scheduler.Application.Runs;

/// <summary>
/// What a queued solve is asked for beyond its scenario, stored with the run (so that a node that
/// takes it over solves it as asked): a null field takes the scenario's own setting, or for
/// <see cref="Threads"/> the node's cores divided among its solve slots.
/// </summary>
public sealed record SolveSettings(double? TimeLimitSeconds, double? RelativeGap, int? Threads)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every setting the scenario's (or the node's).</summary>
    public static SolveSettings Default { get; } = new(null, null, null);

    /// <summary>The seed of a repeatable run (<see cref="Solver.Planning.PlanRequest.Seed"/>); null for none.</summary>
    public int? Seed { get; init; }

    /// <summary>Alternatives to look for beside the plan (<see cref="Solver.Planning.ReleasePlanner.Alternatives"/>), each stored as a run of its own; null for none.</summary>
    public Solver.Planning.AlternativeOptions? Alternatives { get; init; }

    /// <summary>Plan the most valuable part of a slate that cannot be planned whole (<see cref="Solver.Planning.PlanRequest.BestEffort"/>); null takes the scenario's <c>solver.bestEffort</c>.</summary>
    public bool? BestEffort { get; init; }

    /// <summary>
    /// A re-plan from a run's plan with some of its releases pinned where a planner moved them
    /// (docs/http-api.md, "Pinning and re-planning"): that run, whose moves are charged; null for an
    /// ordinary plan.
    /// </summary>
    public long? ReplanOf { get; init; }

    /// <summary>The releases a re-plan pins, as the planner moved them, in order; null for none.</summary>
    public IReadOnlyList<StoredPin>? Pins { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored settings; <see cref="Default"/> for none.</summary>
    /// <exception cref="JsonException">The text is not settings.</exception>
    public static SolveSettings Parse(string? json) => json is null ? Default : JsonSerializer.Deserialize<SolveSettings>(json, Json) ?? Default;
}
