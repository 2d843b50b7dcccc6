using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime.Text;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Validation;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>/api/scenarios</c>: submit a scenario version (validated first, like <c>scheduler submit</c>),
/// validate one without storing it (the page's editor checks every edit so), list what is stored,
/// and read a stored version's document back.
/// </summary>
internal static class ScenarioEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/scenarios", SubmitAsync).RequireAuthorization(ApiRoles.Plan)
            .Describe("submitScenario", "Validate a scenario document (the request body, as scenarios.schema.json describes it) and store it as a scenario version.")
            .Answers<ScenarioStored>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/scenarios/validate", ValidateAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("validateScenario", "Check a scenario document (the request body) as 'scheduler validate' does, variants included; nothing is stored. "
                + "Answers 200 either way: valid, or the errors with the JSON path each names.")
            .Answers<ScenarioValidation>()
            .Refuses(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/scenarios", ListAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("listScenarios", "The stored scenario versions, newest first (?limit=N, 1 to 500, default 50).")
            .Answers<IReadOnlyList<ScenarioListItem>>()
            .Refuses(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/scenarios/{id:long}", FindAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("getScenario", "One stored scenario version and its variants.")
            .Answers<ScenarioDetails>()
            .Refuses(StatusCodes.Status404NotFound);
        api.MapGet("/scenarios/{id:long}/document", DocumentAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("getScenarioDocument", "The stored scenario version's document, byte for byte as it was submitted (application/json).")
            .Answers<JsonElement>()
            .Refuses(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, ClaimsPrincipal user, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        var content = await RequestBodies.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var document = await ScenarioDocuments.LoadAsync(content, "the request body", cancellationToken).ConfigureAwait(false);

            // Said as 'scheduler validate' says it: the variants' errors are the scenario's.
            await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
            var id = await StoredScenarios.SubmitAsync(database, document, Actor.Of(user), cancellationToken).ConfigureAwait(false);
            return Results.Json(
                new ScenarioStored(id, document.Sha256, document.Scenario.Name, [.. document.Variants.Select(v => v.Variant.Id)]),
                ReportJson.Options,
                statusCode: StatusCodes.Status201Created);
        }
        catch (ScenarioValidationException ex)
        {
            return Problems.Invalid(ex);
        }
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var content = await RequestBodies.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var document = await ScenarioDocuments.LoadAsync(content, "the request body", cancellationToken).ConfigureAwait(false);
            var errors = FieldError.Of(document.VariantErrors).ToList();
            return Validation(document.Scenario.Name, [.. document.Variants.Select(v => v.Variant.Id)], errors);
        }
        catch (ScenarioValidationException ex)
        {
            return Validation(null, [], [.. FieldError.Of(ex.Errors)]);
        }
    }

    private static IResult Validation(string? name, IReadOnlyList<string> variants, List<FieldError> errors)
        => Results.Json(
            new ScenarioValidation(
                errors.Count == 0, name, variants, [.. errors.Take(ProblemLimits.MaxErrors).Select(e => new FieldErrorJson(e.Path, e.Message))], errors.Count),
            ReportJson.Options);

    private static async Task<IResult> ListAsync([FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken, [Range(1, RequestFields.MaxListLimit)] int limit = 50)
    {
        if (RequestFields.ListLimit(limit) is { } problem)
        {
            return problem;
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var scenarios = await database.Scenarios.ListAsync(limit, cancellationToken).ConfigureAwait(false);
        return Results.Json(
            scenarios.Select(s => new ScenarioListItem(s.Id, s.Name, s.Sha256, InstantPattern.General.Format(s.SubmittedAt), s.SubmittedBy)).ToList(),
            ReportJson.Options);
    }

    private static async Task<IResult> FindAsync(long id, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (await database.Scenarios.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return Problems.NotFound($"There is no scenario {id}.");
        }

        // Read without validating it: a version stored under older rules still lists its variants.
        var variants = (await StoredScenarios.OutlineAsync(database, id, cancellationToken).ConfigureAwait(false)).Variants;
        return Results.Json(
            new ScenarioDetails(found.Id, found.Name, found.Sha256, InstantPattern.General.Format(found.SubmittedAt), found.SubmittedBy, variants),
            ReportJson.Options);
    }

    private static async Task<IResult> DocumentAsync(long id, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (await database.Scenarios.FindAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound($"There is no scenario {id}.");
        }

        var content = await database.Scenarios.ContentAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.Bytes(content, "application/json", $"scenario-{id}.json");
    }
}
