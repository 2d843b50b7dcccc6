using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Scheduler.Application.Runs;
using Scheduler.Reports;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>POST /api/runs/{id}/stop</c>: a running run finishes now with the best plan found so far,
/// verified and stored as a done run (<see cref="RunFinishing"/>); <c>DELETE /api/runs/{id}</c>, by
/// contrast, cancels it without a plan.
/// </summary>
internal static class StopEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
        => api.MapPost("/runs/{id:long}/stop", StopAsync).RequireAuthorization(ApiRoles.Plan)
            .Describe("stopRun", "Tell a running run to finish now: it ends done with the best plan found so far (feasible unless proven optimal), verified and stored, "
                + "as if its time limit had come. Cancel (DELETE) discards the plan instead.")
            .Answers<RunStopping>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

    private static async Task<IResult> StopAsync(
        long id, ClaimsPrincipal user, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, [FromServices] ILoggerFactory logs, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var (answer, run) = await RunFinishing.RequestAsync(database, id, Actor.Of(user), logs.CreateLogger(typeof(StopEndpoints)), cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            FinishAnswer.NotFound => Problems.NotFound($"There is no run {id}."),
            FinishAnswer.NotStarted => Problems.Conflict($"Run {id} is still queued and has no plan to keep; cancel it instead."),
            FinishAnswer.Ended => Problems.Conflict($"Run {id} has already ended ({Words.Of(run!.State)}); there is nothing to stop."),
            _ => Results.Json(new RunStopping(id, RunState.Running), ReportJson.Options, statusCode: StatusCodes.Status202Accepted),
        };
    }
}
