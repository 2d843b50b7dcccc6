using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Scheduler.Application.Publications;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;

namespace Scheduler.Web.Endpoints;

/// <summary><c>/api/plan-of-record</c> and <c>/api/publications</c>: what is being published, and how each drop went (<c>status --json</c>).</summary>
internal static class PublicationEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/plan-of-record", PlanOfRecordAsync).RequireAuthorization(ApiRoles.Read)
            .WithSummary("The run adopted as the plan of record, with its plan JSON; 404 before the first adoption.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/publications", PublicationsAsync).RequireAuthorization(ApiRoles.Read)
            .WithSummary("The plan of record's drops: upcoming, published, late and failed (as 'scheduler status --json').");
    }

    private static async Task<IResult> PlanOfRecordAsync([FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (await PlanOfRecord.FindAsync(database, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return Problems.NotFound("There is no plan of record yet: adopt a run first.");
        }

        return Results.Json(
            new { runId = run.Id, scenario = run.ScenarioName, variant = run.Variant, plan = JsonSerializer.Deserialize<JsonElement>(run.PlanJson!) },
            ReportJson.Options);
    }

    private static async Task<IResult> PublicationsAsync([FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        return Results.Json(PublicationJson.Of(await PublicationStatus.ReadAsync(database, cancellationToken).ConfigureAwait(false)), ReportJson.Options);
    }
}
