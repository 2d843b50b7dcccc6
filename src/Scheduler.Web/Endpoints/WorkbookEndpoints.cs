using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Scheduler.Application.Scenarios;
using Scheduler.Reports.Workbooks;
using Scheduler.Storage;
using Scheduler.Web.Access;
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

        if (against is not { } baseId)
        {
            var input = await StoredScenarios.OfRunAsync(database, run!, cancellationToken).ConfigureAwait(false);
            return File(PlanWorkbook.Write(input.Scenario, plan!, $"{input.Heading}, run {id}"), $"run-{id}.xlsx");
        }

        var (comparison, againstProblem) = await RunEndpoints.AgainstAsync(database, run!, plan!, baseId, cancellationToken).ConfigureAwait(false);
        return againstProblem ?? File(
            ComparisonWorkbook.Write(
                comparison!.BaseInput.Scenario, comparison.BasePlan, comparison.Heading, [(comparison.Label, comparison.Input.Scenario, comparison.Plan, comparison.Diff)]),
            $"run-{id}-against-{baseId}.xlsx");
    }

    private static IResult File(byte[] workbook, string name) => Results.File(workbook, SlateWorkbooks.ContentType, name);
}
