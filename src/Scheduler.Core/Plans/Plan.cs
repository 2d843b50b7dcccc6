using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Plans;

/// <summary>Which scenario (and variant) a plan was made for.</summary>
public sealed record PlanScenario(string Name, string Sha256, string? Variant);

/// <summary>How the plan was found and how good it is proven to be.</summary>
public sealed record PlanSolver(
    string Engine,
    string Status,
    double Objective,
    double? Bound,
    double? Gap,
    double Seconds,
    int Variables,
    int Constraints);

/// <summary>The plan's key figures; <c>Objective = Value - ClashCost - MoveCost</c>.</summary>
public sealed record PlanKpis(
    double Value,
    double ClashCost,
    double MoveCost,
    double Objective,
    int Releases,
    int TitlesScheduled,
    int TitlesUnscheduled);

/// <summary>One title of the scenario, scheduled or not; mode and launch date are null when not.</summary>
public sealed record TitlePlan(string Id, bool Scheduled, string? Mode, LocalDate? LaunchDate, double Value)
{
    /// <summary>The format chosen for a scheduled title that offers several (docs/plan-format.md, "The plan file"); null otherwise.</summary>
    public string? Format { get; init; }
}

/// <summary>
/// One (title, region) release: its local date, the exact instant it goes live and its value. A
/// weekly or batched title also lists its drops, the premiere (the release's own date) first.
/// </summary>
public sealed record ReleasePlan(string Title, string Region, LocalDate Date, Instant PublishAt, double Value)
{
    /// <summary>Every drop of a title with several, the premiere first; empty for a whole-season drop.</summary>
    public ImmutableArray<ReleaseDrop> Drops { get; init; } = [];

    public bool Equals(ReleasePlan? other)
        => other is not null && Title == other.Title && Region == other.Region && Date == other.Date
           && PublishAt == other.PublishAt && Value.Equals(other.Value) && Drops.AsSpan().SequenceEqual(other.Drops.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Title, Region, Date, PublishAt, Value, Drops.Length);
}

/// <summary>One drop of a release: drop <c>Index</c> goes live on its local <c>Date</c> at <c>PublishAt</c>.</summary>
public sealed record ReleaseDrop(int Index, LocalDate Date, Instant PublishAt);

/// <summary>A release plan as written to <c>plan.json</c>: titles sorted by id, releases by date, region, title.</summary>
public sealed record Plan(
    PlanScenario Scenario,
    Instant GeneratedAt,
    PlanSolver Solver,
    PlanKpis Kpis,
    ImmutableArray<TitlePlan> Titles,
    ImmutableArray<ReleasePlan> Releases)
{
    /// <summary>How the plan was computed (an extra field of the plan file); null when unknown.</summary>
    public PlanDiagnostics? Diagnostics { get; init; }

    /// <summary>
    /// A partial plan's titles that must release but were left out, each with the rule that keeps it
    /// out (an extra field of the plan file); empty for every other plan.
    /// </summary>
    public ImmutableArray<LeftOutTitle> LeftOut { get; init; } = [];
}

/// <summary>
/// A title a best-effort plan left out: its priority, the rule (<see cref="Rules.HardRule.ShortName"/>)
/// that keeps it out of the most dates, and what would have to give for it to fit.
/// </summary>
public sealed record LeftOutTitle(string Title, string Priority, string Rule, string Reason);

/// <summary>Sizes and timings of the run that made a plan, for benchmarks and support.</summary>
public sealed record PlanDiagnostics(int Candidates, long NonZeros, double BuildSeconds, double SolveSeconds, double? GreedyObjective)
{
    /// <summary>The best plan construction found (greedy orders with repairs), before any search; null when there was none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? ConstructionObjective { get; init; }

    /// <summary>How the plan was searched for after construction: whole-model, or large-neighbourhood.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Search { get; init; }

    /// <summary>Large-neighbourhood search: neighbourhoods re-optimized.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? NeighbourhoodsTried { get; init; }

    /// <summary>Large-neighbourhood search: neighbourhoods that improved the plan.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? NeighbourhoodsImproved { get; init; }

    /// <summary>Each better plan and each better bound the run found, by seconds since planning began.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ProgressPoint>? Progress { get; init; }
}

/// <summary>The best objective and bound known at a moment of a planning run; null where none was known yet.</summary>
public sealed record ProgressPoint(double Seconds, double? Objective, double? Bound);

/// <summary>The two release modes as written in plans.</summary>
public static class PlanModes
{
    public const string Global = "global";
    public const string Staggered = "staggered";
}

/// <summary>The solver statuses as written in plans.</summary>
public static class PlanStatuses
{
    public const string Optimal = "optimal";
    public const string Feasible = "feasible";
    public const string Infeasible = "infeasible";
    public const string NoSolution = "no-solution";
    public const string Heuristic = "heuristic";

    /// <summary>A best-effort plan that leaves out titles that must release, because the slate cannot hold them all.</summary>
    public const string Partial = "partial";
}
