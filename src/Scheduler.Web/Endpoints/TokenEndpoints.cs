using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using NodaTime.Text;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;

namespace Scheduler.Web.Endpoints;

/// <summary><c>/api/tokens</c>, for admins: the tokens there are (never their secrets), and revoking one. New tokens are made with <c>scheduler token add</c> on the server.</summary>
internal static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/tokens", ListAsync).RequireAuthorization(ApiRoles.Administer).WithSummary("Every token: name, role, when made and revoked.");
        api.MapDelete("/tokens/{name}", RevokeAsync).RequireAuthorization(ApiRoles.Administer)
            .WithSummary("Revoke a token; it stops working at once.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync([FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var tokens = await database.Tokens.ListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(
            tokens.Select(t => new
            {
                name = t.Name,
                role = ApiRoles.Name(t.Role),
                createdAt = InstantPattern.General.Format(t.CreatedAt),
                revokedAt = t.RevokedAt is { } at ? InstantPattern.General.Format(at) : null,
            }),
            ReportJson.Options);
    }

    private static async Task<IResult> RevokeAsync(string name, ClaimsPrincipal user, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        return await database.Tokens.RevokeAsync(name, Actor.Of(user), cancellationToken).ConfigureAwait(false)
            ? Results.Json(new { name, revoked = true }, ReportJson.Options)
            : Problems.NotFound($"There is no active token named '{name}'.");
    }
}
