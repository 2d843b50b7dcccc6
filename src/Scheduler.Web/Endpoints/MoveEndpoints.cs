using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime.Text;
using Scheduler.Application.Checking;
using Scheduler.Application.Execution;
using Scheduler.Application.Hosting;
using Scheduler.Application.Runs;
using Scheduler.Core.Explanations;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// A planner's moves of a run's releases: <c>/api/runs/{id}/check</c> says what they would cost and
/// which rules they would break, solving nothing; <c>/api/runs/{id}/replan</c> pins them and queues
/// a re-plan from the run's plan (docs/http-api.md, "Checking a move", "Pinning and re-planning").
/// </summary>
internal static class MoveEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/runs/{id:long}/check", CheckAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("checkMoves", "What moving releases of the run's plan would change in its objective, value and clash cost, and every hard rule the moves would break; solves nothing.")
            .Takes<CheckRequest>()
            .Answers<MoveCheckDocument>()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/runs/{id:long}/replan", ReplanAsync).RequireAuthorization(ApiRoles.Plan)
            .Describe("replanRun", "Re-plan the run's scenario from its plan with the releases given pinned where they were moved, and with a new or changed title when one is given (stored as a new scenario version); every release moved is charged objective.moveCost.")
            .Takes<ReplanRequest>()
            .Answers<RunQueued>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> CheckAsync(
        long id,
        HttpRequest request,
        [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        [FromServices] MoveChecks checks,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        RequestFields.Unknown(body, errors, "moves");
        var moves = Moves(body, "moves", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid($"The moves cannot be checked: {errors[0]}", errors);
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var answer = await checks.CheckAsync(database, id, moves, cancellationToken).ConfigureAwait(false);
        return answer.Problem switch
        {
            MoveCheckProblem.None => Results.Json(MoveCheckJson.Of(answer.Result!), ReportJson.Options),
            MoveCheckProblem.UnknownRun => Problems.NotFound(answer.Message),
            MoveCheckProblem.InvalidMoves => Problems.Invalid(answer.Message, answer.Result!.Errors.Select(e => new FieldError(e.Path, e.Message))),
            _ => Problems.Conflict(answer.Message),
        };
    }

    private static async Task<IResult> ReplanAsync(
        long id,
        HttpRequest request,
        ClaimsPrincipal user,
        [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        [FromServices] IBackgroundSolves background,
        [FromServices] ServeOptions serve,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        RequestFields.Unknown(body, errors, "pins", "title", "timeLimitSeconds", "seed");
        var pins = Moves(body, "pins", errors);
        JsonObject? title = null;
        if (body.TryGetProperty("title", out var titleElement) && titleElement.ValueKind != JsonValueKind.Null)
        {
            title = titleElement.ValueKind == JsonValueKind.Object ? JsonNode.Parse(titleElement.GetRawText())!.AsObject() : null;
            if (title is null)
            {
                errors.Add(new FieldError("$.title", "must be a title object as in a scenario, or {\"id\": ...} of a planned title with the fields that change"));
            }
        }

        var timeLimit = RequestFields.TimeLimitSeconds(body, errors);
        var seed = RequestFields.Seed(body, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid($"The run cannot be re-planned: {errors[0]}", errors);
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var settings = new SolveSettings(timeLimit, null, seed is null ? null : 1) { Seed = seed };
        var answer = await RunRequests.QueueReplanAsync(database, background, id, pins, title, settings, Actor.Of(user), serve.MemoryLimit, cancellationToken).ConfigureAwait(false);
        if (answer.RunId is { } queued)
        {
            return Results.Json(new RunQueued(queued), ReportJson.Options, statusCode: StatusCodes.Status202Accepted);
        }

        return answer.Problem switch
        {
            RunRequestProblem.UnknownRun => Problems.NotFound($"There is no run {id}."),
            RunRequestProblem.NoPlan => Problems.Conflict(answer.Errors[0].Message),
            RunRequestProblem.InvalidTitle => Problems.Invalid($"The run cannot be re-planned: {answer.Errors[0]}", FieldError.Of(answer.Errors)),
            RunRequestProblem.InvalidPins => Problems.Invalid(
                $"The run cannot be re-planned: {answer.MoveErrors[0].Path}: {answer.MoveErrors[0].Message}",
                answer.MoveErrors.Select(e => new FieldError(e.Path, e.Message))),
            _ => Problems.Invalid($"The run cannot be re-planned: {answer.Errors[0].Message}", FieldError.Of(answer.Errors)),
        };
    }

    /// <summary>The list of moves at <paramref name="field"/> (<c>moves</c> to check, <c>pins</c> to re-plan with), each error at its path.</summary>
    private static List<ReleaseMove> Moves(JsonElement body, string field, List<FieldError> errors)
    {
        var moves = new List<ReleaseMove>();
        if (!body.TryGetProperty(field, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError($"$.{field}", "required: a list of moves, each {\"title\", \"region\", \"date\", \"mode\"}"));
            return moves;
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"$.{field}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(at, "must be an object {\"title\", \"region\", \"date\", \"mode\"}"));
                continue;
            }

            var before = errors.Count;
            foreach (var unknown in item.EnumerateObject().Where(p => p.Name is not ("title" or "region" or "date" or "mode")))
            {
                errors.Add(new FieldError($"{at}.{unknown.Name}", "unknown field; the fields are title, region, date, mode"));
            }

            var title = Text(item, "title", at, errors, required: true);
            var region = Text(item, "region", at, errors, required: false);
            var mode = Text(item, "mode", at, errors, required: false);
            var date = Text(item, "date", at, errors, required: true) is { } text ? LocalDatePattern.Iso.Parse(text) : null;
            if (date is { Success: false })
            {
                errors.Add(new FieldError($"{at}.date", $"must be a date written yyyy-MM-dd, not \"{item.GetProperty("date").GetString()}\""));
            }

            if (errors.Count == before)
            {
                moves.Add(new ReleaseMove(title!, region, date!.Value, mode));
            }
        }

        return moves;
    }

    private static string? Text(JsonElement item, string field, string at, List<FieldError> errors, bool required)
    {
        if (item.TryGetProperty(field, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        if (required || (element.ValueKind != JsonValueKind.Undefined && element.ValueKind != JsonValueKind.Null))
        {
            errors.Add(new FieldError($"{at}.{field}", required ? $"required: a {field} (a string)" : $"must be a {field} (a string) or null"));
        }

        return null;
    }
}
