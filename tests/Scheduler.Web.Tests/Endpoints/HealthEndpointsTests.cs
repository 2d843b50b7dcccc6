using System.Net;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

public class HealthEndpointsTests : OneHostTests
{
    protected override TokenRole? Role => null;

    [Test]
    public async Task Healthz_WithoutAToken_IsHealthy()
    {
        using var response = await Caller.GetAsync(new Uri("/healthz", UriKind.Relative));

        var body = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "status", "node", "database", "scheduler", "lastReplan" }));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(body.GetProperty("node").GetString(), Is.EqualTo("web-test"));
            Assert.That(body.GetProperty("database").GetString(), Is.EqualTo("reachable"));
            Assert.That(body.GetProperty("scheduler").GetString(), Is.EqualTo("running"));
        }
    }

    [Test]
    public async Task Healthz_AfterAReplan_GivesTheLastOne()
    {
        using var planner = Host.Client(TokenRole.Planner);
        var run = (await Api.PlanAsync(planner, await Api.SubmitAsync(planner, Api.Demo), 1)).GetProperty("id").GetInt64();
        await using (var database = await Host.OpenAsync())
        {
            await database.PlanOfRecord.AdoptAsync(run, "node:web-test", AuditAction.Replan, "2 moves from run 9");
        }

        using var response = await Caller.GetAsync(new Uri("/healthz", UriKind.Relative));

        var replan = (await response.JsonAsync()).GetProperty("lastReplan");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replan.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(replan.GetProperty("at").GetString(), Does.EndWith("Z"));
            Assert.That(replan.GetProperty("runId").GetInt64(), Is.EqualTo(run));
            Assert.That(replan.GetProperty("details").GetString(), Is.EqualTo("2 moves from run 9"));
        }
    }
}
