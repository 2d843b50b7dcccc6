using System.Text.Json.Serialization;

namespace Scheduler.Core.Plans;

/// <summary>
/// A plan file exactly as its JSON reads (docs/plan-format.md): dates and instants as text, numbers
/// in full. <see cref="PlanJson"/> turns it into a <see cref="Plan"/> and back; the API gives it as it is.
/// </summary>
public sealed record PlanDocument(
    PlanDocumentScenario Scenario,
    string GeneratedAt,
    PlanDocumentSolver Solver,
    PlanKpis Kpis,
    IReadOnlyList<PlanDocumentTitle> Titles,
    IReadOnlyList<PlanDocumentRelease> Releases,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PlanDiagnostics? Diagnostics)
{
    /// <summary>A partial plan's titles left out, each with the rule that keeps it out; absent from every other plan.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LeftOutTitle>? LeftOut { get; init; }
}

/// <summary>The scenario (and variant) the plan was made for, and the SHA-256 of its file.</summary>
public sealed record PlanDocumentScenario(string Name, string Sha256, string? Variant);

/// <summary>How the plan was found: engine, status (optimal, feasible, infeasible, ...), objective, bound and gap.</summary>
public sealed record PlanDocumentSolver(string Engine, string Status, double Objective, double? Bound, double? Gap, double Seconds, int Variables, int Constraints);

/// <summary>One title: scheduled or not, its mode (global, staggered) and launch date when it is.</summary>
public sealed record PlanDocumentTitle(string Id, bool Scheduled, string? Mode, string? LaunchDate, double Value)
{
    /// <summary>The format the plan chose, for a scheduled title that offers several; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Format { get; init; }
}

/// <summary>One title's release in one region: its local date and UTC instant, its value, and its drops when it has several.</summary>
public sealed record PlanDocumentRelease(
    string Title,
    string Region,
    string Date,
    string PublishAt,
    double Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PlanDocumentDrop>? Drops);

/// <summary>One drop of a release: its index (0, the premiere), local date and UTC instant.</summary>
public sealed record PlanDocumentDrop(int Index, string Date, string PublishAt);
