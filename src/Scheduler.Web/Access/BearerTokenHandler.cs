using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Scheduler.Storage;

namespace Scheduler.Web.Access;

/// <summary>
/// <c>Authorization: Bearer TOKEN</c>, checked against the tokens made by <c>scheduler token add</c>
/// (only their hashes are stored). A revoked token stops working on its next request.
/// </summary>
internal sealed class BearerTokenHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "Bearer";

    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;

    public BearerTokenHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase)
        : base(options, logger, encoder)
    {
        _openDatabase = openDatabase;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        await using var database = await _openDatabase(Context.RequestAborted).ConfigureAwait(false);
        if (secret.Length == 0 || await database.Tokens.FindBySecretAsync(secret, Context.RequestAborted).ConfigureAwait(false) is not { } token)
        {
            return AuthenticateResult.Fail("The bearer token is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, token.Name), new Claim(ClaimTypes.Role, ApiRoles.Name(token.Role))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        => Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Sign in with a token", "Send 'Authorization: Bearer TOKEN' with a token made by 'scheduler token add'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "none";
        return Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed for this role", $"Token '{Context.User.Identity?.Name}' has role {role}, which may not do this.");
    }
}
