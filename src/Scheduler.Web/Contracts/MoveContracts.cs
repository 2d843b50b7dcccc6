namespace Scheduler.Web.Contracts;

/// <summary>
/// The body of <c>POST /api/runs/{id}/check</c>. Read field by field (so that each wrong or unknown
/// field is named); this record is what the document declares.
/// </summary>
/// <param name="Moves">The moves, applied in order to the run's plan.</param>
public sealed record CheckRequest(IReadOnlyList<MoveRequest> Moves);

/// <summary>One release moved: a title to a date, in one region or all of them, in a mode.</summary>
/// <param name="Title">The title's id.</param>
/// <param name="Region">The region; null or absent for every region of the title. A move that leaves the title global moves it in every region.</param>
/// <param name="Date">The local date, <c>yyyy-MM-dd</c>, inside the scenario's horizon.</param>
/// <param name="Mode"><c>global</c> or <c>staggered</c>; null or absent for the mode the plan gives it (or, for a title it leaves out, the one the scenario allows).</param>
public sealed record MoveRequest(string Title, string? Region, string Date, string? Mode = null);

/// <summary>
/// The body of <c>POST /api/runs/{id}/replan</c>. Read field by field (so that each wrong or
/// unknown field is named); this record is what the document declares.
/// </summary>
/// <param name="Pins">The releases to pin, as moves of the run's plan (each as in a check), applied in order.</param>
/// <param name="Title">A new title, or a planned one with the fields that change (as for a fit): the run's scenario is stored again with it, and the re-plan plans that version; null or absent for none.</param>
/// <param name="TimeLimitSeconds">Seconds the solver may search, up to an hour; null or absent for the scenario's own limit.</param>
/// <param name="Seed">Makes the run repeatable; null or absent for none.</param>
public sealed record ReplanRequest(
    IReadOnlyList<MoveRequest> Pins,
    System.Text.Json.Nodes.JsonObject? Title = null,
    [property: System.ComponentModel.DataAnnotations.Range(0, Limits.MaxTimeLimitSeconds, MinimumIsExclusive = true)] double? TimeLimitSeconds = null,
    [property: System.ComponentModel.DataAnnotations.Range(0, int.MaxValue)] int? Seed = null);

/// <summary>
/// The body of <c>POST /api/runs/{id}/fit</c>. Read field by field (so that each wrong or unknown
/// field is named); this record is what the document declares.
/// </summary>
/// <param name="Title">A title object as in a scenario (docs/scenario-format.md, "Titles"), or <c>{"id": ...}</c> of a planned title with the fields that change, merged as a variant's changes are.</param>
/// <param name="Top">How many options to give, 1 to 50; 5 when absent.</param>
public sealed record FitRequest(
    System.Text.Json.Nodes.JsonObject Title,
    [property: System.ComponentModel.DataAnnotations.Range(1, Application.Fitting.TitleFits.MaxTop)] int? Top = null);
