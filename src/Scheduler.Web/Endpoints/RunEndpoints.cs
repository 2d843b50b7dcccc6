using System.ComponentModel.DataAnnotations;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Scheduler.Application;
using Scheduler.Application.Adopting;
using Scheduler.Application.Checking;
using Scheduler.Application.Comparing;
using Scheduler.Application.Execution;
using Scheduler.Application.Explaining;
using Scheduler.Application.Hosting;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Reports;
using Scheduler.Reports.Calendar;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>/api/runs</c>: plan a stored scenario in the background, follow it (polling or server-sent
/// events), cancel it, and read any stored run as plan JSON, CSV, the HTML calendar or an
/// explanation; adopt one as the plan of record.
/// </summary>
internal static class RunEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/runs", QueueAsync).RequireAuthorization(ApiRoles.Plan)
            .Describe("queueRun", "Plan a stored scenario or one of its variants in the background, with near-equal alternatives if asked for.")
            .Takes<RunRequest>()
            .Answers<RunQueued>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/runs", ListAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("listRuns", "Stored runs, newest first (?limit=N, 1 to 500, default 50).")
            .Answers<IReadOnlyList<RunListItem>>()
            .Refuses(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/runs/{id:long}", GetAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("getRun", "A run's state (queued, running, done, failed, cancelled), progress and, when done, its plan and the runs of its alternatives.")
            .Answers<RunDocument>()
            .Refuses(StatusCodes.Status404NotFound);
        api.MapGet("/runs/{id:long}/events", Events).RequireAuthorization(ApiRoles.Read)
            .Describe("followRun", "The run's progress as server-sent events (progress, then done, failed, cancelled or missing), until it ends.")
            .AnswersText("text/event-stream");
        api.MapDelete("/runs/{id:long}", CancelAsync).RequireAuthorization(ApiRoles.Plan)
            .Describe("cancelRun", "Cancel a queued or running plan.")
            .Answers<RunCancelled>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapGet("/runs/{id:long}/report", ReportAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("getRunCalendar", "The run's release calendar as a self-contained HTML page (?zoom=year, half-year, the default, quarter or month: how much of the horizon shows across); with ?against=RUN (another run), drawn over that run's plan with the moved releases as arrows, "
                + "its heading saying when the two runs planned different scenarios.")
            .AnswersText("text/html")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/runs/{id:long}/csv", CsvAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("getRunCsv", "The run's releases as CSV.")
            .AnswersText("text/csv")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapGet("/runs/{id:long}/explain", ExplainAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("explainRelease", "Why a title releases on its date in a region (?title=ID&region=R), and what rules out its best other dates.")
            .Answers<ExplanationDocument>()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/runs/{id:long}/adopt", AdoptAsync).RequireAuthorization(ApiRoles.Administer)
            .Describe("adoptRun", "Make the run's plan the plan of record, after verifying it again.")
            .Answers<RunAdopted>()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> QueueAsync(
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
        RequestFields.Unknown(body, errors, "scenarioId", "variant", "timeLimitSeconds", "seed", "alternatives", "bestEffort");
        var scenarioId = RequestFields.ScenarioId(body, errors);

        string? variant = null;
        if (body.TryGetProperty("variant", out var variantElement) && variantElement.ValueKind != JsonValueKind.Null)
        {
            variant = variantElement.ValueKind == JsonValueKind.String ? variantElement.GetString() : null;
            if (variant is null)
            {
                errors.Add(new FieldError("$.variant", "must be a variant id (a string) or null"));
            }
        }

        var timeLimit = RequestFields.TimeLimitSeconds(body, errors);
        var seed = RequestFields.Seed(body, errors);
        var alternatives = AlternativesField.Read(body, errors);
        var bestEffort = RequestFields.BestEffort(body, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid($"The run cannot be planned: {errors[0]}", errors);
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var answer = await RunRequests.QueueAsync(
            database, background, scenarioId, variant, new SolveSettings(timeLimit, null, seed is null ? null : 1) { Seed = seed, Alternatives = alternatives, BestEffort = bestEffort }, Actor.Of(user), serve.MemoryLimit, cancellationToken).ConfigureAwait(false);
        if (answer.RunId is { } id)
        {
            return Results.Json(new RunQueued(id), ReportJson.Options, statusCode: StatusCodes.Status202Accepted);
        }

        errors.AddRange(answer.Problem switch
        {
            RunRequestProblem.UnknownScenario => [new FieldError("$.scenarioId", $"there is no scenario {scenarioId}")],
            RunRequestProblem.TooLarge => answer.Errors.Select(e => new FieldError("$.scenarioId", e.Message)),
            _ => FieldError.Of(answer.Errors),
        });
        return Problems.Invalid($"The run cannot be planned: {errors[0]}", errors);
    }

    private static async Task<IResult> ListAsync([FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken, [Range(1, RequestFields.MaxListLimit)] int limit = 50)
    {
        if (RequestFields.ListLimit(limit) is { } problem)
        {
            return problem;
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var runs = await database.Runs.ListAsync(limit, cancellationToken).ConfigureAwait(false);
        return Results.Json(RunListJson.Of(runs), ReportJson.Options);
    }

    private static async Task<IResult> GetAsync(long id, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, [FromServices] MoveChecks checks, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (await database.Runs.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return Problems.NotFound($"There is no run {id}.");
        }

        // Whoever reads a planned run may move its releases next: the checks load meanwhile.
        if (run.PlanJson is not null)
        {
            _ = checks.PrepareAsync(openDatabase, id);
        }

        return Results.Json(RunJson.Of(run), ReportJson.Options);
    }

    private static ServerSentEventsResult<object> Events(long id, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, [FromServices] ServeOptions serve, [FromServices] TimeProvider time, CancellationToken cancellationToken)
        => TypedResults.ServerSentEvents(EventsAsync(id, openDatabase, serve, time, cancellationToken));

    /// <summary>
    /// One <c>progress</c> event whenever the stored state or progress changes, then one event
    /// named after the final state (<c>done</c>, <c>failed</c>, <c>cancelled</c>) with the whole run but
    /// its plan; <c>missing</c> for an unknown run. A run's events say whether it has
    /// <c>finished</c>, as <see cref="RunStateFacts.HasEnded"/> decides. Read from the database, so any node may serve it.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<object>> EventsAsync(
        long id, Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, ServeOptions serve, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            StoredRun? run;
            await using (var database = await openDatabase(cancellationToken).ConfigureAwait(false))
            {
                run = await database.Runs.FindAsync(id, cancellationToken).ConfigureAwait(false);
            }

            if (run is null)
            {
                yield return new SseItem<object>(new { id, message = $"There is no run {id}." }, "missing");
                yield break;
            }

            // Said in every event, so that no client keeps its own list of the final states.
            var finished = run.State.HasEnded();
            var update = new { id, state = run.State, status = run.Status, progress = RunProgress.Parse(run.Progress), finished };
            var text = JsonSerializer.Serialize(update, ReportJson.Options);
            if (finished)
            {
                yield return new SseItem<object>(new { id, state = run.State, status = run.Status, progress = update.progress, messages = run.Messages, finished }, Words.Of(run.State));
                yield break;
            }

            if (text != last)
            {
                last = text;
                yield return new SseItem<object>(update, "progress");
            }

            await Task.Delay(serve.ProgressInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IResult> CancelAsync(long id, ClaimsPrincipal user, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, [FromServices] IBackgroundSolves background, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (await database.Runs.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return Problems.NotFound($"There is no run {id}.");
        }

        if (run.State.HasEnded() || !await background.CancelAsync(id, Actor.Of(user), cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict($"Run {id} has already ended ({Words.Of(run.State)}); there is nothing to cancel.");
        }

        return Results.Json(new RunCancelled(id, RunState.Cancelled), ReportJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The run and its plan, or the problem that says why there is none.</summary>
    internal static async Task<(StoredRun? Run, Plan? Plan, IResult? Problem)> PlanOfAsync(SchedulerDatabase database, long id, CancellationToken cancellationToken)
    {
        var found = await StoredPlan.FindAsync(database, id, cancellationToken).ConfigureAwait(false);
        return found switch
        {
            { Run: null } => (null, null, Problems.NotFound($"There is no run {id}.")),
            { Plan: null } => (found.Run, null, Problems.Conflict($"Run {id} has no verified plan (state {Words.Of(found.Run.State)}, status {found.Run.Status}).")),
            _ => (found.Run, found.Plan, null),
        };
    }

    private static async Task<IResult> ReportAsync(
        long id, long? against, string? zoom, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        if (CalendarZooms.Parse(zoom ?? "half-year") is not { } scale)
        {
            return Problems.Invalid("?zoom", $"must be year, half-year, quarter or month (got '{zoom}')");
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var (run, plan, problem) = await PlanOfAsync(database, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (against is not { } baseId)
        {
            var input = await StoredScenarios.OfRunAsync(database, run!, cancellationToken).ConfigureAwait(false);
            return Results.Content(new CalendarReport(input.Scenario, zoom: scale).Render(plan!, $"{input.Heading}, run {run!.Id}"), "text/html; charset=utf-8");
        }

        // The base run's calendar (its regions, events and seasons), with this run drawn over it.
        var (comparison, againstProblem) = await AgainstAsync(database, run!, plan!, baseId, cancellationToken).ConfigureAwait(false);
        return againstProblem ?? Results.Content(
            new CalendarReport(comparison!.BaseInput.Scenario, zoom: scale).RenderComparison(
                comparison.BasePlan, [(comparison.Label, comparison.Input.Scenario, comparison.Plan, comparison.Diff)], comparison.Heading),
            "text/html; charset=utf-8");
    }

    /// <summary>The run drawn against the run <paramref name="baseId"/>, or the problem that stops it (the same run, no such run, no plan).</summary>
    internal static async Task<(RunAgainstRun? Comparison, IResult? Problem)> AgainstAsync(
        SchedulerDatabase database, StoredRun run, Plan plan, long baseId, CancellationToken cancellationToken)
    {
        if (baseId == run.Id)
        {
            return (null, Problems.Invalid("?against", $"run {run.Id} cannot be compared with itself: choose another run"));
        }

        var (baseRun, basePlan, baseProblem) = await PlanOfAsync(database, baseId, cancellationToken).ConfigureAwait(false);
        return baseProblem is not null
            ? (null, baseProblem)
            : (await RunAgainstRun.LoadAsync(database, run, plan, baseRun!, basePlan!, cancellationToken).ConfigureAwait(false), null);
    }

    private static async Task<IResult> CsvAsync(long id, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var (_, plan, problem) = await PlanOfAsync(database, id, cancellationToken).ConfigureAwait(false);
        return problem ?? Results.Text(PlanCsv.Write(plan!), "text/csv; charset=utf-8");
    }

    private static async Task<IResult> ExplainAsync(long id, string? title, string? region, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(title))
        {
            return Problems.Invalid("?title", "required: the title to explain");
        }

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var (run, plan, problem) = await PlanOfAsync(database, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var input = await StoredScenarios.OfRunAsync(database, run!, cancellationToken).ConfigureAwait(false);
        var answer = Explanations.Explain(input.Scenario, plan!, title, region);
        return answer.Problem switch
        {
            ExplanationProblem.UnknownTitle => Problems.Invalid("?title", $"the scenario has no title '{title}'"),
            ExplanationProblem.NotReleased => Problems.Invalid("?region", $"the plan does not release '{title}' in '{answer.Region}'"),
            ExplanationProblem.LeftOut => Problems.Conflict($"Run {id}'s plan leaves '{title}' out ({answer.LeftOut!.Rule}): {answer.LeftOut.Reason}."),
            _ => Results.Json(ExplanationJson.Of(answer.Explanation!), ReportJson.Options),
        };
    }

    private static async Task<IResult> AdoptAsync(
        long id, ClaimsPrincipal user, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, [FromServices] ILoggerFactory logs, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var result = await PlanAdoption.AdoptAsync(database, id, Actor.Of(user), cancellationToken).ConfigureAwait(false);
        if (result.Refusal == Refusal.None)
        {
            logs.CreateLogger(typeof(RunEndpoints)).PlanAdopted(id, Actor.Of(user));
        }

        return result.Refusal switch
        {
            Refusal.None => Results.Json(new RunAdopted(id, true, result.Reasons[0]), ReportJson.Options),
            // The CLI names the database; an API client is not told where it lives.
            Refusal.UnknownRun => Problems.NotFound($"There is no run {id}."),
            Refusal.NoPlan => Problems.Conflict(result.Reasons[0]),
            _ => Problems.Of(StatusCodes.Status422UnprocessableEntity, "The plan cannot be adopted", result.Reasons[0], result.Reasons.Skip(1).Select(r => new FieldError("", r))),
        };
    }
}
