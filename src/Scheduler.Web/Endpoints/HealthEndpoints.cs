using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime.Text;
using Quartz;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Resilience;
using Scheduler.Reports.Json;
using Scheduler.Storage;

using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>GET /healthz</c>, without a token (for load balancers and probes): 200 when the database
/// answers and the publishing scheduler runs, 503 otherwise ("unreachable since HH:MM:SS UTC" during
/// an outage, the moment this node first met it); with the last replan, when there was one.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly InstantPattern SincePattern = InstantPattern.CreateWithInvariantCulture("HH:mm:ss 'UTC'");

    public static void Map(IEndpointRouteBuilder app)
        => app.MapGet("/healthz", CheckAsync)
            .AllowAnonymous()
            .Describe("checkHealth", "Database reachable, publishing scheduler running, and the last replan.")
            .Answers<HealthReport>()
            .Answers<HealthReport>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> CheckAsync(
        [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        [FromServices] ISchedulerFactory schedulers,
        [FromServices] ServeNode node,
        [FromServices] DatabaseOutage outage,
        CancellationToken cancellationToken)
    {
        string? databaseError = null;
        LastReplan? lastReplan = null;
        try
        {
            await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
            if ((await database.PlanOfRecord.AuditAsync(cancellationToken).ConfigureAwait(false)).LastOrDefault(a => a.Action == AuditAction.Replan) is { } replan)
            {
                lastReplan = new LastReplan(InstantPattern.General.Format(replan.At), replan.RunId, replan.Details);
            }

            outage.Answered();
        }
        catch (Exception ex) when (DatabaseFaults.IsTransient(ex))
        {
            outage.Failed(ex);
            databaseError = outage.Since is { } since ? $"unreachable since {SincePattern.Format(since)}" : "unreachable";
        }
        catch (StorageException ex)
        {
            databaseError = $"unusable: {ex.Message}";
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var status = await scheduler.GetStatus(cancellationToken).ConfigureAwait(false);
        var running = status == SchedulerStatus.Running;
        var healthy = databaseError is null && running;
        return Results.Json(
            new HealthReport(healthy ? "healthy" : "unhealthy", node.Name, databaseError ?? "reachable", status.ToString().ToLowerInvariant(), lastReplan),
            ReportJson.Options,
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
