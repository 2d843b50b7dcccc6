using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Access;

/// <summary>Who may call what: every endpoint with no token, a wrong or revoked one, and each role's.</summary>
public class RoleAccessTests
{
    private const string Scenario = "{scenario}";
    private const string Run = "{run}";

    private WebHostFixture _host = null!;
    private string _revoked = "";
    private long _scenario;
    private long _run;

    public enum Caller
    {
        NoToken,
        WrongToken,
        RevokedToken,
        Viewer,
        Planner,
        Admin,
    }

    private static readonly string[] Reads =
    [
        "/api/scenarios",
        $"/api/scenarios/{Scenario}",
        $"/api/scenarios/{Scenario}/document",
        "/api/runs",
        $"/api/runs/{Run}",
        $"/api/runs/{Run}/events",
        $"/api/runs/{Run}/report",
        $"/api/runs/{Run}/csv",
        $"/api/runs/{Run}/xlsx",
        $"/api/runs/{Run}/explain?title=starfall-protocol",
        "/api/plan-of-record",
        "/api/publications",
        "/api/session",
    ];

    private static IEnumerable<TestCaseData> Cases()
    {
        // Reading: every role; no token, 401.
        foreach (var path in Reads)
        {
            yield return Case("GET", path, Caller.NoToken, HttpStatusCode.Unauthorized);
            yield return Case("GET", path, Caller.Viewer, HttpStatusCode.OK);
        }

        yield return Case("GET", "/api/runs", Caller.Planner, HttpStatusCode.OK);
        yield return Case("GET", "/api/runs", Caller.Admin, HttpStatusCode.OK);
        yield return Case("GET", "/api/publications", Caller.Planner, HttpStatusCode.OK);
        yield return Case("GET", "/api/publications", Caller.Admin, HttpStatusCode.OK);

        // A wrong or revoked token is no token at all.
        foreach (var caller in new[] { Caller.WrongToken, Caller.RevokedToken })
        {
            yield return Case("GET", "/api/runs", caller, HttpStatusCode.Unauthorized);
            yield return Case("POST", "/api/scenarios", caller, HttpStatusCode.Unauthorized);
            yield return Case("GET", "/api/tokens", caller, HttpStatusCode.Unauthorized);
        }

        // Planning: planners and admins.
        yield return Case("POST", "/api/scenarios", Caller.NoToken, HttpStatusCode.Unauthorized);
        yield return Case("POST", "/api/scenarios", Caller.Viewer, HttpStatusCode.Forbidden);
        yield return Case("POST", "/api/scenarios", Caller.Planner, HttpStatusCode.Created);
        yield return Case("POST", "/api/scenarios", Caller.Admin, HttpStatusCode.Created);
        yield return Case("POST", "/api/runs", Caller.NoToken, HttpStatusCode.Unauthorized);
        yield return Case("POST", "/api/runs", Caller.Viewer, HttpStatusCode.Forbidden);
        yield return Case("POST", "/api/runs", Caller.Planner, HttpStatusCode.Accepted);
        yield return Case("POST", "/api/runs", Caller.Admin, HttpStatusCode.Accepted);
        yield return Case("POST", "/api/compare", Caller.NoToken, HttpStatusCode.Unauthorized);
        yield return Case("POST", "/api/compare", Caller.Viewer, HttpStatusCode.Forbidden);
        yield return Case("POST", "/api/compare", Caller.Planner, HttpStatusCode.OK);

        // Validating a scenario, checking a move and fitting a title store and solve nothing: every role may.
        foreach (var path in new[] { "/api/scenarios/validate", $"/api/runs/{Run}/check", $"/api/runs/{Run}/fit" })
        {
            yield return Case("POST", path, Caller.NoToken, HttpStatusCode.Unauthorized);
            yield return Case("POST", path, Caller.Viewer, HttpStatusCode.OK);
            yield return Case("POST", path, Caller.Planner, HttpStatusCode.OK);
            yield return Case("POST", path, Caller.Admin, HttpStatusCode.OK);
        }

        // Re-planning from a run with pins queues a run: planners and admins.
        yield return Case("POST", $"/api/runs/{Run}/replan", Caller.NoToken, HttpStatusCode.Unauthorized);
        yield return Case("POST", $"/api/runs/{Run}/replan", Caller.Viewer, HttpStatusCode.Forbidden);
        yield return Case("POST", $"/api/runs/{Run}/replan", Caller.Planner, HttpStatusCode.Accepted);
        yield return Case("POST", $"/api/runs/{Run}/replan", Caller.Admin, HttpStatusCode.Accepted);

        // No comparison is queued on a single server: past the role check, the endpoint says so.
        yield return Case("GET", "/api/comparisons/1", Caller.NoToken, HttpStatusCode.Unauthorized);
        yield return Case("GET", "/api/comparisons/1", Caller.Viewer, HttpStatusCode.NotFound);

        // Cancelling the run that has ended: past the role check, the endpoint says there is nothing to cancel.
        yield return Case("DELETE", $"/api/runs/{Run}", Caller.NoToken, HttpStatusCode.Unauthorized);
        yield return Case("DELETE", $"/api/runs/{Run}", Caller.Viewer, HttpStatusCode.Forbidden);
        yield return Case("DELETE", $"/api/runs/{Run}", Caller.Planner, HttpStatusCode.Conflict);
        yield return Case("DELETE", $"/api/runs/{Run}", Caller.Admin, HttpStatusCode.Conflict);

        // Stopping the run that has ended, likewise.
        yield return Case("POST", $"/api/runs/{Run}/stop", Caller.NoToken, HttpStatusCode.Unauthorized);
        yield return Case("POST", $"/api/runs/{Run}/stop", Caller.Viewer, HttpStatusCode.Forbidden);
        yield return Case("POST", $"/api/runs/{Run}/stop", Caller.Planner, HttpStatusCode.Conflict);
        yield return Case("POST", $"/api/runs/{Run}/stop", Caller.Admin, HttpStatusCode.Conflict);

        // Administering: admins only.
        foreach (var (method, path, allowed) in new[]
        {
            ("POST", $"/api/runs/{Run}/adopt", HttpStatusCode.OK),
            ("GET", "/api/tokens", HttpStatusCode.OK),
            ("DELETE", "/api/tokens/spare", HttpStatusCode.OK),
        })
        {
            yield return Case(method, path, Caller.NoToken, HttpStatusCode.Unauthorized);
            yield return Case(method, path, Caller.Viewer, HttpStatusCode.Forbidden);
            yield return Case(method, path, Caller.Planner, HttpStatusCode.Forbidden);
            yield return Case(method, path, Caller.Admin, allowed);
        }

        // Without a token: the page, health, metrics and the OpenAPI document.
        yield return Case("GET", "/", Caller.NoToken, HttpStatusCode.OK);
        yield return Case("GET", "/healthz", Caller.NoToken, HttpStatusCode.OK);
        yield return Case("GET", "/metrics", Caller.NoToken, HttpStatusCode.OK);
        yield return Case("GET", "/openapi/v1.json", Caller.NoToken, HttpStatusCode.OK);
    }

    private static TestCaseData Case(string method, string path, Caller caller, HttpStatusCode expected)
        => new TestCaseData(method, path, caller, expected).SetArgDisplayNames(method, path, caller.ToString(), $"{(int)expected}");

    [OneTimeSetUp]
    public async Task StartHostWithARunAndTokens()
    {
        _host = await WebHostFixture.StartAsync();
        await using (var database = await _host.OpenAsync())
        {
            await database.Tokens.AddAsync("spare", TokenRole.Viewer, "test");
            _revoked = await database.Tokens.AddAsync("rex-revoked", TokenRole.Admin, "test");
            await database.Tokens.RevokeAsync("rex-revoked", "test");
        }

        using var planner = _host.Client(TokenRole.Planner);
        _scenario = await Api.SubmitAsync(planner, Api.Demo);
        _run = (await Api.PlanAsync(planner, _scenario, 1)).GetProperty("id").GetInt64();
        using var admin = _host.Client(TokenRole.Admin);
        using var adopted = await admin.PostAsync(new Uri($"/api/runs/{_run}/adopt", UriKind.Relative), null);
        Assert.That(adopted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private HttpClient ClientFor(Caller caller)
    {
        var client = caller switch
        {
            Caller.Viewer => _host.Client(TokenRole.Viewer),
            Caller.Planner => _host.Client(TokenRole.Planner),
            Caller.Admin => _host.Client(TokenRole.Admin),
            _ => _host.Client(null),
        };
        var secret = caller switch
        {
            Caller.WrongToken => "sch_" + new string('x', 43),
            Caller.RevokedToken => _revoked,
            _ => null,
        };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    private async Task<HttpContent?> BodyAsync(string method, string path) => (method, path) switch
    {
        ("POST", "/api/scenarios" or "/api/scenarios/validate") => new ByteArrayContent(await File.ReadAllBytesAsync(Api.Demo)),
        ("POST", "/api/runs") => new StringContent($$"""{ "scenarioId": {{_scenario}}, "timeLimitSeconds": 1 }""", Encoding.UTF8, "application/json"),
        ("POST", "/api/compare") => new StringContent($$"""{ "scenarioId": {{_scenario}}, "variants": ["starfall-slips"], "timeLimitSeconds": 1 }""", Encoding.UTF8, "application/json"),
        ("POST", $"/api/runs/{Run}/check") => new StringContent("""{ "moves": [{ "title": "ember-road", "date": "2027-04-16" }] }""", Encoding.UTF8, "application/json"),
        ("POST", $"/api/runs/{Run}/fit") => new StringContent("""{ "title": { "id": "kitchen-wars" }, "top": 1 }""", Encoding.UTF8, "application/json"),
        ("POST", $"/api/runs/{Run}/replan") => new StringContent("""{ "pins": [{ "title": "kitchen-wars", "date": "2027-04-16" }], "timeLimitSeconds": 1 }""", Encoding.UTF8, "application/json"),
        _ => null,
    };

    private async Task<HttpResponseMessage> SendAsync(string method, string path, Caller caller)
    {
        using var client = ClientFor(caller);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.Replace(Scenario, $"{_scenario}", StringComparison.Ordinal).Replace(Run, $"{_run}", StringComparison.Ordinal), UriKind.Relative))
        {
            Content = await BodyAsync(method, path),
        };
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Request_Caller_IsAnsweredAsItsRoleMay(string method, string path, Caller caller, HttpStatusCode expected)
    {
        using var response = await SendAsync(method, path, caller);

        var text = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), text);
            if ((int)expected >= 400)
            {
                using var problem = JsonDocument.Parse(text);
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(Api.ProblemContentType));
                Assert.That(problem.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "title", "status", "detail", "errors", "errorCount" }));
                Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo((int)expected));
            }
        }
    }

    [TestCase(Caller.NoToken)]
    [TestCase(Caller.WrongToken)]
    [TestCase(Caller.RevokedToken)]
    public async Task Request_NoValidToken_Is401AskingForOne(Caller caller)
    {
        using var response = await SendAsync("GET", "/api/runs", caller);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Problem(401, "Sign in with a token", "Send 'Authorization: Bearer TOKEN' with a token made by 'scheduler token add'.")));
        }
    }

    [TestCase(Caller.Viewer, "vera-viewer", "viewer")]
    [TestCase(Caller.Planner, "paul-planner", "planner")]
    public async Task Request_RoleThatMayNot_Is403NamingTheTokenAndRole(Caller caller, string name, string role)
    {
        using var response = await SendAsync("GET", "/api/tokens", caller);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Problem(403, "Not allowed for this role", $"Token '{name}' has role {role}, which may not do this.")));
        }
    }

    [Test]
    public async Task Request_UnknownApiPath_Is404()
    {
        using var response = await SendAsync("GET", "/api/nothing-here", Caller.Viewer);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no API endpoint GET /api/nothing-here.")));
        }
    }
}
