using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Scheduler.Application.Publications;
using Scheduler.Core.Plans;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary><c>/api/plan-of-record</c> and <c>/api/publications</c>: what is being published, and how each drop went (<c>status --json</c>).</summary>
internal static class PublicationEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/plan-of-record", PlanOfRecordAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("getPlanOfRecord", "The run adopted as the plan of record, with its plan; 404 before the first adoption.")
            .Answers<PlanOfRecordDocument>()
            .Refuses(StatusCodes.Status404NotFound);
        api.MapGet("/publications", PublicationsAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("listPublications", "The plan of record's drops counted by state, and a page of them in publication order: ?state=upcoming|published|late|failed, ?offset=, ?limit= (0 to 10000, default 1000), as 'scheduler status --json'.")
            .Answers<PublicationDocument>()
            .Refuses(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> PlanOfRecordAsync([FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (await PlanOfRecord.FindAsync(database, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return Problems.NotFound("There is no plan of record yet: adopt a run first.");
        }

        return Results.Json(
            new PlanOfRecordDocument(run.Id, run.ScenarioName, run.Variant, PlanJson.ReadDocument(run.PlanJson!)),
            ReportJson.Options);
    }

    private static async Task<IResult> PublicationsAsync(
        string? state,
        string? offset,
        string? limit,
        [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        PublicationState? only = null;
        if (state is not null)
        {
            if (PublicationStates.TryParse(state, out var parsed))
            {
                only = parsed;
            }
            else
            {
                errors.Add(new FieldError("?state", $"'{state}' is not a publication state: use upcoming, published, late or failed"));
            }
        }

        var skip = Whole(offset, "?offset", errors) ?? 0;
        var take = Whole(limit, "?limit", errors) ?? PublicationQuery.DefaultLimit;
        var query = new PublicationQuery { State = only, Offset = skip, Limit = (int)Math.Clamp(take, int.MinValue, int.MaxValue) };
        errors.AddRange(query.Validate().Select(e => new FieldError($"?{e.Field}", e.Message)));

        if (errors.Count > 0)
        {
            return Problems.Invalid($"The publications cannot be listed: {errors[0].Path}: {errors[0].Message}", errors);
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        return Results.Json(PublicationJson.Of(await PublicationStatus.ReadAsync(database, query, cancellationToken).ConfigureAwait(false)), ReportJson.Options);
    }

    private static long? Whole(string? text, string path, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(path, $"'{text}' is not a whole number"));
        return null;
    }
}
