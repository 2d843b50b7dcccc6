using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Quartz;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Publishing;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Solving;
using Scheduler.Reports.Json;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Hosting;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>POST /api/compare</c>: plans a stored scenario and some of its variants side by side, as
/// <c>scheduler compare SCENARIO --variant ...</c> does, stores the runs, and answers with the same
/// JSON as <c>compare --json</c>. The answer waits for the solves (time limit each, variants in parallel).
/// </summary>
internal static class CompareEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/compare", CompareAsync)
            .RequireAuthorization(ApiRoles.Plan)
            .WithSummary("Compare variants of a stored scenario with its base: {\"scenarioId\", \"variants\": [ids, default all], \"timeLimitSeconds\"}. "
                + "A single server answers when the solves end (200); a cluster queues them as solve jobs and answers at once (202, follow /api/comparisons/{id}).")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/comparisons/{id:long}", GetAsync)
            .RequireAuthorization(ApiRoles.Read)
            .WithSummary("A comparison queued on the cluster: each run's state and progress, and once every run has ended, the comparison as POST /api/compare gives it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CompareAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        [FromServices] ServeOptions serve,
        [FromServices] ISchedulerFactory schedulers,
        [FromServices] ReleasePlanner planner,
        [FromServices] TimeProvider time,
        [FromServices] WebOptions options,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodies.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<ScenarioError>();
        var scenarioId = RequestFields.ScenarioId(body, errors);

        var variants = new List<string>();
        if (body.TryGetProperty("variants", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                errors.Add(new ScenarioError("$.variants", "must be a list of variant ids"));
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
            errors.Add(new ScenarioError("$.scenarioId", $"there is no scenario {scenarioId}"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"The comparison cannot be made: {errors[0]}", errors);
        }

        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        ScenarioDocument document;
        try
        {
            document = loader.Load(await database.Scenarios.ContentAsync(scenarioId, cancellationToken).ConfigureAwait(false), $"stored scenario {scenarioId}");
        }
        catch (ScenarioValidationException ex)
        {
            return Problems.Invalid(ex.Message.Split('\n')[0], ex.Errors);
        }

        if (serve.IsClustered)
        {
            return await QueueAsync(database, schedulers, scenarioId, document, variants, timeLimit, Actor.Of(user), options, cancellationToken).ConfigureAwait(false);
        }

        var parallelism = Math.Max(1, Environment.ProcessorCount);
        PlanRequest RequestFor(Core.Domain.Scenario scenario, string? variant) => new(
            scenario,
            new PlanScenario(scenario.Name, document.Sha256, variant),
            PlanEngine.CpSat,
            TimeSpan.FromSeconds(timeLimit ?? scenario.Solver.TimeLimitSeconds),
            scenario.Solver.RelativeGap,
            1)
        {
            CandidateLimit = options.CandidateLimit,
        };
        var jobs = VariantJobs.Of(document, variants, RequestFor);
        var startedAt = Instant.FromDateTimeOffset(time.GetUtcNow());
        var comparer = new WhatIfComparer(planner);

        // The solves take their own threads; the request waits for them, and a client that goes away stops them.
        var comparison = await Task.Factory.StartNew(
            () => comparer.Compare(RequestFor(document.Scenario, null), [.. jobs.Select(j => j.Job)], parallelism, anchored: true, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
        if (comparison.Base.Status == PlanningStatus.TooLarge)
        {
            // Refused before anything was built, and no variant was planned; nothing is stored.
            var error = new ScenarioError("$.scenarioId", comparison.Base.Reasons[0]);
            return Problems.Invalid($"The comparison cannot be made: {error}", [error]);
        }

        var finishedAt = Instant.FromDateTimeOffset(time.GetUtcNow());
        await database.Runs.StoreAsync(RunRecords.For(comparison.Base, document, document.Scenario.Name, null, RunTriggers.Compare, startedAt, finishedAt), cancellationToken).ConfigureAwait(false);
        foreach (var (variant, job) in comparison.Variants.Zip(jobs))
        {
            if (variant.Outcome is { } outcome && job.Scenario is { } scenario)
            {
                await database.Runs.StoreAsync(RunRecords.For(outcome, document, scenario.Name, variant.Id, RunTriggers.Compare, startedAt, finishedAt), cancellationToken).ConfigureAwait(false);
            }
        }

        return Results.Json(ComparisonJson.Of(comparison), ReportJson.Options);
    }

    // On a cluster: the base and each variant become solve jobs; the answer names the comparison to follow.
    private static async Task<IResult> QueueAsync(
        SchedulerDatabase database, ISchedulerFactory schedulers, long scenarioId, ScenarioDocument document, IReadOnlyList<string> variants, double? timeLimit, string actor, WebOptions options, CancellationToken cancellationToken)
    {
        if (CandidateEstimate.Refusal(document.Scenario, CandidateEstimate.NameOf(document.Scenario.Name, null), options.CandidateLimit) is { } refusal)
        {
            var error = new ScenarioError("$.scenarioId", refusal);
            return Problems.Invalid($"The comparison cannot be made: {error}", [error]);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var queued = await ClusterComparisons.QueueAsync(
            database, scheduler, scenarioId, document, variants, anchored: true, new SolveSettings(timeLimit, null, null), RunTriggers.Compare, actor, cancellationToken).ConfigureAwait(false);
        return Results.Json(
            new
            {
                id = queued.Id,
                baseRun = queued.BaseRunId,
                variants = queued.Variants.Select(v => new { id = v.Variant, run = v.RunId }),
            },
            ReportJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(long id, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (await database.Comparisons.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } comparison)
        {
            return Problems.NotFound($"There is no comparison {id}.");
        }

        // Assembled first: an ended run never runs again, so the runs read after it agree with it.
        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        Comparison? result;
        try
        {
            var document = loader.Load(await database.Scenarios.ContentAsync(comparison.ScenarioId, cancellationToken).ConfigureAwait(false), $"stored scenario {comparison.ScenarioId}");
            result = await ClusterComparisons.AssembleAsync(database, id, document, cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioValidationException ex)
        {
            // The stored scenario no longer validates: its runs failed with these errors; there is nothing to compare.
            return Problems.Invalid($"Comparison {id} cannot be shown: {ex.Errors[0]}", ex.Errors);
        }

        var runs = new List<object>();
        var states = await database.Runs.OfComparisonAsync(id, cancellationToken).ConfigureAwait(false);
        foreach (var run in states)
        {
            var stored = await database.Runs.FindAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            runs.Add(new { id = run.RunId, variant = run.Variant, state = run.State, node = stored?.Node, attempt = stored?.Attempt, progress = RunProgress.Parse(stored?.Progress) });
        }

        return Results.Json(
            new
            {
                id,
                scenarioId = comparison.ScenarioId,
                requestedBy = comparison.RequestedBy,
                state = result is not null ? "done" : states.Any(r => r.State == RunStates.Running) ? RunStates.Running : RunStates.Queued,
                runs,
                comparison = result is null ? null : ComparisonJson.Of(result),
            },
            ReportJson.Options);
    }
}
