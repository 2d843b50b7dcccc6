using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Scheduler.Application.Cluster;
using Scheduler.Application.Comparing;
using Scheduler.Application.Execution;
using Scheduler.Application.Hosting;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Validation;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>POST /api/compare</c>: plans a stored scenario and some of its variants side by side, as
/// <c>scheduler compare SCENARIO --variant ...</c> does, stores the runs, and answers with the same
/// JSON as <c>compare --json</c>, each outcome naming its stored run so that no client has to guess
/// them from the runs list. A single server answers when the solves end; a cluster queues them
/// and answers at once with the comparison to follow (<c>GET /api/comparisons/{id}</c>).
/// </summary>
internal static class CompareEndpoints
{
    /// <summary>How the comparison's JSON names the variants a request asked for, in their errors.</summary>
    private const string RequestedVariants = "$.variants";

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/compare", CompareAsync).RequireAuthorization(ApiRoles.Plan)
            .Describe("compareVariants", "Compare variants of a stored scenario with its base. "
                + "A single server answers when the solves end (200, the comparison); a cluster queues them as solve jobs and answers at once (202, follow /api/comparisons/{id}).")
            .Takes<CompareRequest>()
            .Answers<ComparisonDocument>()
            .Answers<ComparisonQueued>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/comparisons/{id:long}", GetAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("getComparison", "A comparison queued on the cluster: each run's state and progress, and once every run has ended, the comparison as POST /api/compare gives it.")
            .Answers<ComparisonFollowed>()
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> CompareAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        [FromServices] ISolveExecutor executor,
        [FromServices] ServeOptions serve,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        RequestFields.Unknown(body, errors, "scenarioId", "variants", "timeLimitSeconds");
        var scenarioId = RequestFields.ScenarioId(body, errors);

        var variants = new List<string>();
        if (body.TryGetProperty("variants", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                errors.Add(new FieldError(RequestedVariants, "must be a list of variant ids"));
            }
            else
            {
                variants.AddRange(list.EnumerateArray().Select(v => v.GetString()!));
            }
        }

        var timeLimit = RequestFields.TimeLimitSeconds(body, errors);

        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (errors.Count == 0 && await database.Scenarios.FindAsync(scenarioId, cancellationToken).ConfigureAwait(false) is null)
        {
            errors.Add(new FieldError("$.scenarioId", $"there is no scenario {scenarioId}"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"The comparison cannot be made: {errors[0]}", errors);
        }

        ComparisonJob job;
        try
        {
            var document = await StoredScenarios.DocumentAsync(database, scenarioId, cancellationToken: cancellationToken).ConfigureAwait(false);

            // Every variant at once here, the cores shared among them; on a cluster each node decides.
            job = ComparisonJob.OfVariants(ScenarioInput.Of(document, null), variants, new SolveSettings(timeLimit, null, null)) with
            {
                Parallelism = Environment.ProcessorCount,
                RequestedBy = Actor.Of(user),
                MemoryLimit = serve.MemoryLimit,
            };
        }
        catch (ScenarioValidationException ex)
        {
            return Problems.Invalid(ex);
        }

        // The solves take their own threads; the request waits for them, and a client that goes away stops them.
        var started = await executor.StartComparisonAsync(database, job, cancellationToken).ConfigureAwait(false);
        if (started.Queued is { } queued)
        {
            return Results.Json(
                new ComparisonQueued(queued.Id, queued.BaseRunId, [.. queued.Variants.Select(v => new QueuedVariant(v.Variant, v.RunId))]),
                ReportJson.Options,
                statusCode: StatusCodes.Status202Accepted);
        }

        var result = started.Finished!;
        if (result.Refused)
        {
            // Refused before anything was built, and no variant was planned; nothing is stored.
            var error = new FieldError("$.scenarioId", result.Comparison.Base.Reasons[0]);
            return Problems.Invalid($"The comparison cannot be made: {error}", [error]);
        }

        return Results.Json(ComparisonJson.Of(result.Comparison, RequestedVariants, result.Runs), ReportJson.Options);
    }

    private static async Task<IResult> GetAsync(long id, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        ComparisonStatus? status;
        try
        {
            status = await ComparisonStatus.ReadAsync(database, id, cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioValidationException ex)
        {
            // The stored scenario no longer validates: its runs failed with these errors; there is nothing to compare.
            var errors = FieldError.Of(ex.Errors).ToList();
            return Problems.Invalid($"Comparison {id} cannot be shown: {errors[0]}", errors);
        }

        if (status is null)
        {
            return Problems.NotFound($"There is no comparison {id}.");
        }

        return Results.Json(
            new ComparisonFollowed(
                id,
                status.Comparison.ScenarioId,
                status.Comparison.RequestedBy,
                status.State,
                [.. status.Runs.Select(r => new FollowedRun(r.Id, r.Variant, r.State, r.Node, r.Attempt, RunProgress.Read(r.Progress)))],
                status.Result is { } result ? ComparisonJson.Of(result.Comparison, RequestedVariants, result.Runs) : null),
            ReportJson.Options);
    }
}
