using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Explanations;
using Scheduler.Core.Values;
using Scheduler.Reports.Workbooks;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Hosting;
using Scheduler.Workbooks.Slates;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>GET /api/runs/{id}/xlsx</c>: a run's plan as a workbook (docs/workbooks.md), or, with
/// <c>?against=RUN</c>, its comparison with another run, moves and causes included.
/// </summary>
internal static class WorkbookEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
        => api.MapGet("/runs/{id:long}/xlsx", PlanWorkbookAsync).RequireAuthorization(ApiRoles.Read)
            .Describe("getRunWorkbook", "The run's plan as an Excel workbook: Releases (a local date per release, editable and read back by 'scheduler verify' and 'replan --pins'), KPIs and Calendar; "
                + "with ?against=RUN, the comparison with that run: its releases and calendar, both runs' KPIs and a Moves sheet with each move's cause.")
            .AnswersText(SlateWorkbooks.ContentType)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> PlanWorkbookAsync(long id, long? against, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var (run, plan, problem) = await RunEndpoints.PlanOfAsync(database, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var input = await StoredScenarios.OfRunAsync(database, run!, cancellationToken).ConfigureAwait(false);
        if (against is not { } baseId)
        {
            return File(PlanWorkbook.Write(input.Scenario, plan!, $"{input.Heading}, run {id}"), $"run-{id}.xlsx");
        }

        if (baseId == id)
        {
            return Problems.Invalid("?against", $"run {id} cannot be compared with itself: choose another run");
        }

        var (baseRun, basePlan, baseProblem) = await RunEndpoints.PlanOfAsync(database, baseId, cancellationToken).ConfigureAwait(false);
        if (baseProblem is not null)
        {
            return baseProblem;
        }

        var baseInput = await StoredScenarios.OfRunAsync(database, baseRun!, cancellationToken).ConfigureAwait(false);
        var workbook = ComparisonWorkbook.Write(
            baseInput.Scenario,
            basePlan!,
            RunEndpoints.ComparisonHeading(run!, input, baseRun!, baseInput),
            [($"run {id}", input.Scenario, plan!, MoveAttribution.Diff(basePlan!, plan!, new ValueModel(input.Scenario)))]);
        return File(workbook, $"run-{id}-against-{baseId}.xlsx");
    }

    private static IResult File(byte[] workbook, string name) => Results.File(workbook, SlateWorkbooks.ContentType, name);
}
