using System.Net;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Access;

/// <summary>What is done over HTTP is audited with the token that did it.</summary>
public class AuditTests
{
    [Test]
    public async Task AdoptAndRevoke_OverHttp_AreAuditedWithTheAdminsToken()
    {
        await using var host = await WebHostFixture.StartAsync();
        await using (var database = await host.OpenAsync())
        {
            await database.Tokens.AddAsync("old-dashboard", TokenRole.Viewer, "test");
        }

        using var planner = host.Client(TokenRole.Planner);
        using var admin = host.Client(TokenRole.Admin);
        var run = (await Api.PlanAsync(planner, await Api.SubmitAsync(planner, Api.Demo), 1)).GetProperty("id").GetInt64();

        using var adopted = await admin.PostAsync(new Uri($"/api/runs/{run}/adopt", UriKind.Relative), null);
        using var revoked = await admin.DeleteAsync(new Uri("/api/tokens/old-dashboard", UriKind.Relative));

        await using var audit = await host.OpenAsync();
        var entries = (await audit.PlanOfRecord.AuditAsync()).Where(e => e.Actor == "token:ada-admin").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(adopted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[] { AuditAction.Adopt, AuditAction.TokenRevoke }));
            Assert.That(entries[0].RunId, Is.EqualTo(run));
            Assert.That(entries[1].Details, Is.EqualTo("old-dashboard (viewer)"));
        }
    }
}
