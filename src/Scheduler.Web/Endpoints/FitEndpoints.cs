using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Scheduler.Application.Fitting;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary><c>/api/runs/{id}/fit</c>: where a new or changed title fits into a run's plan, best first (docs/http-api.md, "Where a title fits").</summary>
internal static class FitEndpoints
{
    /// <summary>The options a fit gives when <c>top</c> is not asked for.</summary>
    public const int DefaultTop = 5;

    public static void Map(IEndpointRouteBuilder api)
        => api.MapPost("/runs/{id:long}/fit", FitAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("fitTitle", "Where a new title, or a planned one with changed fields, fits into the run's plan: the best options, each with the change in the objective, its value factors and the releases it moves aside; solves nothing.")
            .Takes<FitRequest>()
            .Answers<FitDocument>()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> FitAsync(
        long id,
        HttpRequest request,
        [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        RequestFields.Unknown(body, errors, "title", "top");
        JsonObject? title = null;
        if (body.TryGetProperty("title", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            title = JsonNode.Parse(element.GetRawText())!.AsObject();
        }
        else
        {
            errors.Add(new FieldError("$.title", "required: a title object as in a scenario, or {\"id\": ...} of a planned title with the fields that change"));
        }

        var top = DefaultTop;
        if (body.TryGetProperty("top", out var topElement) && topElement.ValueKind != JsonValueKind.Null
            && !(topElement.ValueKind == JsonValueKind.Number && topElement.TryGetInt32(out top) && top is >= 1 and <= TitleFits.MaxTop))
        {
            errors.Add(new FieldError("$.top", string.Create(CultureInfo.InvariantCulture, $"must be a whole number from 1 to {TitleFits.MaxTop}")));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"The title cannot be fitted: {errors[0]}", errors);
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var answer = await TitleFits.FitAsync(database, id, title!, top, cancellationToken).ConfigureAwait(false);
        return answer.Problem switch
        {
            FitProblem.None => Results.Json(FitJson.Of(answer.Values!, answer.TitleId, answer.Result!, answer.Why), ReportJson.Options),
            FitProblem.UnknownRun => Problems.NotFound(answer.Message),
            FitProblem.InvalidTitle => Problems.Invalid(answer.Message, FieldError.Of(answer.Errors)),
            _ => Problems.Conflict(answer.Message),
        };
    }
}
