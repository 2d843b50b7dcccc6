using System.Net;
using System.Net.Http.Headers;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

public class TokenEndpointsTests : OneHostTests
{
    protected override TokenRole? Role => TokenRole.Admin;

    /// <summary>A token made on the server (as <c>scheduler token add</c> does), for this test to revoke.</summary>
    private async Task<string> AddTokenAsync(string name, TokenRole role)
    {
        await using var database = await Host.OpenAsync();
        return await database.Tokens.AddAsync(name, role, "test");
    }

    private HttpClient ClientWith(string secret)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private Task<HttpResponseMessage> RevokeAsync(string name) => Caller.DeleteAsync(new Uri($"/api/tokens/{name}", UriKind.Relative));

    [Test]
    public async Task List_Admin_GivesEveryTokenWithoutSecrets()
    {
        using var response = await Caller.GetAsync(new Uri("/api/tokens", UriKind.Relative));

        var text = await response.Content.ReadAsStringAsync();
        var rows = (await response.JsonAsync()).EnumerateArray().ToList();
        var byName = rows.ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("role").GetString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(byName["vera-viewer"], Is.EqualTo("viewer"));
            Assert.That(byName["paul-planner"], Is.EqualTo("planner"));
            Assert.That(byName["ada-admin"], Is.EqualTo("admin"));
            Assert.That(rows.Select(r => r.GetProperty("name").GetString()), Is.Ordered.Using((IComparer<string?>)StringComparer.Ordinal));
            Assert.That(rows.Select(r => string.Join(",", r.EnumerateObject().Select(p => p.Name))).Distinct(), Is.EqualTo(new[] { "name,role,createdAt,revokedAt" }));
            Assert.That(text, Does.Not.Contain("sch_"));
            foreach (var secret in Host.Tokens.Values)
            {
                Assert.That(text, Does.Not.Contain(secret));
            }
        }
    }

    [Test]
    public async Task Revoke_ActiveToken_StopsItOnItsNextRequest()
    {
        var secret = await AddTokenAsync("dashboard", TokenRole.Viewer);
        using var dashboard = ClientWith(secret);
        using var before = await dashboard.GetAsync(new Uri("/api/runs", UriKind.Relative));

        using var response = await RevokeAsync("dashboard");

        using var after = await dashboard.GetAsync(new Uri("/api/runs", UriKind.Relative));
        using var list = await Caller.GetAsync(new Uri("/api/tokens", UriKind.Relative));
        var row = (await list.JsonAsync()).EnumerateArray().Single(r => r.GetProperty("name").GetString() == "dashboard");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Api.Normalized(await response.JsonAsync()), Is.EqualTo(Api.Normalized("""{ "name": "dashboard", "revoked": true }""")));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(row.GetProperty("revokedAt").GetString(), Does.EndWith("Z"));
        }
    }

    [Test]
    public async Task Revoke_Twice_Is404TheSecondTime()
    {
        await AddTokenAsync("ci-bot", TokenRole.Planner);
        using (var first = await RevokeAsync("ci-bot"))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var second = await RevokeAsync("ci-bot");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await second.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no active token named 'ci-bot'.")));
        }
    }

    [Test]
    public async Task Revoke_UnknownToken_Is404()
    {
        using var response = await RevokeAsync("nobody");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no active token named 'nobody'.")));
        }
    }
}
