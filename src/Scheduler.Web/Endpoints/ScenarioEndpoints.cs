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

namespace Scheduler.Web.Endpoints;

/// <summary><c>/api/scenarios</c>: submit a scenario version (validated first, like <c>scheduler submit</c>), and list what is stored.</summary>
internal static class ScenarioEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/scenarios", SubmitAsync)
            .RequireAuthorization(ApiRoles.Plan)
            .WithSummary("Validate a scenario document (the request body) and store it as a scenario version.")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/scenarios", ListAsync)
            .RequireAuthorization(ApiRoles.Read)
            .WithSummary("The stored scenario versions, newest first.");
        api.MapGet("/scenarios/{id:long}", FindAsync)
            .RequireAuthorization(ApiRoles.Read)
            .WithSummary("One stored scenario version and its variants.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        var content = await RequestBodies.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var document = await ScenarioDocuments.LoadAsync(content, "the request body", cancellationToken).ConfigureAwait(false);

            // Said as 'scheduler validate' says it: the variants' errors are the scenario's.
            await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
            var id = await StoredScenarios.SubmitAsync(database, document, cancellationToken).ConfigureAwait(false);
            return Results.Json(
                new { id, sha256 = document.Sha256, name = document.Scenario.Name, variants = document.Variants.Select(v => v.Variant.Id) },
                ReportJson.Options,
                statusCode: StatusCodes.Status201Created);
        }
        catch (ScenarioValidationException ex)
        {
            return Problems.Invalid(ex);
        }
    }

    private static async Task<IResult> ListAsync([FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken, int limit = 50)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var scenarios = await database.Scenarios.ListAsync(Math.Clamp(limit, 1, 500), cancellationToken).ConfigureAwait(false);
        return Results.Json(
            scenarios.Select(s => new { id = s.Id, name = s.Name, sha256 = s.Sha256, submittedAt = InstantPattern.General.Format(s.SubmittedAt) }),
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
            new { id = found.Id, name = found.Name, sha256 = found.Sha256, submittedAt = InstantPattern.General.Format(found.SubmittedAt), variants },
            ReportJson.Options);
    }
}
