using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NodaTime.Text;
using Scheduler.Application;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Scheduler.Web.Access;
using Scheduler.Web.Contracts;

namespace Scheduler.Web.Endpoints;

/// <summary>
/// <c>/api/session</c>, for every role: who the token is and what it may do. <c>/api/tokens</c>, for
/// admins: the tokens there are (never their secrets), and revoking one. New tokens are made with
/// <c>scheduler token add</c> on the server.
/// </summary>
internal static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/session", Session).RequireAuthorization(ApiRoles.Read)
            .Describe("getSession", "Who the token is, its role and what the role may do (the page shows it and offers only those controls).")
            .Answers<SessionDocument>();
        api.MapGet("/tokens", ListAsync).RequireAuthorization(ApiRoles.Administer)
            .Describe("listTokens", "Every token: name, role, when made and revoked (never its secret).")
            .Answers<IReadOnlyList<TokenListItem>>();
        api.MapDelete("/tokens/{name}", RevokeAsync).RequireAuthorization(ApiRoles.Administer)
            .Describe("revokeToken", "Revoke a token; it stops working at once.")
            .Answers<TokenRevoked>()
            .Refuses(StatusCodes.Status404NotFound);
    }

    private static IResult Session(ClaimsPrincipal user)
    {
        // A token has one role; each policy names the roles that satisfy it.
        var role = user.FindFirst(ClaimTypes.Role)?.Value ?? "";
        var may = ApiRoles.Policies.Where(p => p.Value.Contains(role)).Select(p => p.Key).ToList();
        return Results.Json(new SessionDocument(user.Identity?.Name ?? "", role, may), ReportJson.Options);
    }

    private static async Task<IResult> ListAsync([FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        var tokens = await database.Tokens.ListAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(
            tokens.Select(t => new TokenListItem(t.Name, ApiRoles.Name(t.Role), InstantPattern.General.Format(t.CreatedAt), t.RevokedAt is { } at ? InstantPattern.General.Format(at) : null)).ToList(),
            ReportJson.Options);
    }

    private static async Task<IResult> RevokeAsync(
        string name, ClaimsPrincipal user, [FromServices] Func<CancellationToken, Task<SchedulerDatabase>> openDatabase, [FromServices] ILoggerFactory logs, CancellationToken cancellationToken)
    {
        await using var database = await openDatabase(cancellationToken).ConfigureAwait(false);
        if (!await database.Tokens.RevokeAsync(name, Actor.Of(user), cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound($"There is no active token named '{name}'.");
        }

        logs.CreateLogger(typeof(TokenEndpoints)).TokenRevoked(name, Actor.Of(user));
        return Results.Json(new TokenRevoked(name, true), ReportJson.Options);
    }
}
