using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Publishing;
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
        => api.MapPost("/compare", CompareAsync)
            .RequireAuthorization(ApiRoles.Plan)
            .WithSummary("Compare variants of a stored scenario with its base: {\"scenarioId\", \"variants\": [ids, default all], \"timeLimitSeconds\"}.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> CompareAsync(
        HttpRequest request,
        [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
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
}
