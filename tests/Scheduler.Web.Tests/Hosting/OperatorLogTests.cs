using System.Net;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Hosting;

/// <summary>
/// What an operator reads in the log of <c>serve --http</c>: one line, with its event id, per run
/// queued, started, finished and cancelled, per adoption and per token revoked; a lasting condition
/// (no plan of record yet) once.
/// </summary>
public sealed class OperatorLogTests
{
    [Test]
    public async Task RunsAdoptionAndRevocation_AreEachLoggedOnceWithTheirEventIds()
    {
        var directory = Directory.CreateTempSubdirectory("scheduler-log-").FullName;
        var longSolve = Path.Combine(directory, "long-solve.json");
        await CommandLine.GenerateLongSolveAsync(longSolve);
        using var logs = new LogLines();
        await using var host = await WebHostFixture.StartAsync(logs: logs);
        using var admin = host.Client(TokenRole.Admin);

        var done = (await Api.PlanAsync(admin, await Api.SubmitAsync(admin, Api.Demo), 5)).GetProperty("id").GetInt64();
        var cancelled = await Api.StartRunAsync(admin, await Api.SubmitAsync(admin, longSolve), 60);
        await Api.WaitForRunAsync(admin, cancelled, TimeSpan.FromSeconds(30), "running");
        using var cancel = await admin.DeleteAsync(new Uri($"/api/runs/{cancelled}", UriKind.Relative));
        await Api.WaitForRunAsync(admin, cancelled, TimeSpan.FromSeconds(30));
        using var adopt = await admin.PostAsync(new Uri($"/api/runs/{done}/adopt", UriKind.Relative), null);
        using var revoke = await admin.DeleteAsync(new Uri("/api/tokens/vera-viewer", UriKind.Relative));
        await Task.Delay(TimeSpan.FromSeconds(3)); // the plan watcher's next looks, which must not repeat themselves

        using (Assert.EnterMultipleScope())
        {
            Assert.That((cancel.StatusCode, adopt.StatusCode, revoke.StatusCode), Is.EqualTo((HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.OK)));
            Assert.That(logs.Of(2001), Is.EqualTo(new[] { $"Run {done} queued", $"Run {cancelled} queued" }));
            Assert.That(logs.Of(2002), Is.EqualTo(new[] { $"Run {done} started on node web-test, attempt 1", $"Run {cancelled} started on node web-test, attempt 1" }));
            Assert.That(logs.Of(2004), Has.Count.EqualTo(1).And.All.Match($@"^Run {done} finished: (optimal|feasible), objective \d+(\.\d{{1,3}})?, gap \d(\.\d{{1,4}})?, in \d+\.\d s$"));
            Assert.That(logs.Of(2005), Is.EqualTo(new[] { $"Run {cancelled} cancelled by token:ada-admin" }));
            Assert.That(logs.Of(2020), Is.EqualTo(new[] { $"Run {done} adopted as the plan of record by token:ada-admin" }));
            Assert.That(logs.Of(2030), Is.EqualTo(new[] { "Token vera-viewer revoked by token:ada-admin" }));
            Assert.That(logs.Of(1010), Is.EqualTo(new[] { "No plan of record yet; waiting for an adoption" }));
            Assert.That(logs.Of(1011), Has.Count.EqualTo(1).And.All.StartWith($"Plan of record is run {done}"));
        }
    }
}
