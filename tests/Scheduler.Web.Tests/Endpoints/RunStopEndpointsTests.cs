using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>
/// <c>POST /api/runs/{id}/stop</c>: a running run of a slate that a minute does not prove finishes at
/// once with the best plan found, done and verified, saying who stopped it; a queued run, an ended
/// one and an unknown one are refused, each saying why.
/// </summary>
public sealed class RunStopEndpointsTests : LongSolveTests
{
    private Task<HttpResponseMessage> StopAsync(long id) => Planner.PostAsync(new Uri($"/api/runs/{id}/stop", UriKind.Relative), null);

    [Test]
    public async Task Stop_RunningRun_EndsDoneWithItsBestPlanVerifiedLongBeforeItsLimit()
    {
        var id = await Api.StartRunAsync(Planner, LongSolve, 120);
        await Api.WaitForRunAsync(Planner, id, TimeSpan.FromSeconds(30), "running");
        await WaitForAPlanAsync(id);

        var clock = Stopwatch.StartNew();
        using var response = await StopAsync(id);
        var run = await Api.WaitForRunAsync(Viewer, id, TimeSpan.FromSeconds(60));
        var stoppedAfter = clock.Elapsed;

        using var again = await StopAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(Api.Normalized(await response.JsonAsync()), Is.EqualTo(Api.Normalized($$"""{ "id": {{id}}, "state": "running" }""")));
            Assert.That((run.GetProperty("state").GetString(), run.GetProperty("status").GetString()), Is.EqualTo(("done", "feasible")));
            Assert.That(run.GetProperty("plan").GetProperty("releases").GetArrayLength(), Is.Positive);
            Assert.That(
                run.GetProperty("messages").EnumerateArray().Select(m => m.GetString()),
                Does.Contain("told to finish now by token:paul-planner: the best plan found by then, not searched to its time limit"));
            Assert.That(stoppedAfter, Is.LessThan(TimeSpan.FromSeconds(30)), "it ended when told, not at its 120 s limit");
            Assert.That(await again.ProblemAsync(), Is.EqualTo(Api.Problem(409, "Conflict", $"Run {id} has already ended (done); there is nothing to stop.")));
        }
    }

    [Test]
    public async Task Stop_QueuedRun_IsRefusedAndItStaysQueued()
    {
        var solving = await Api.StartRunAsync(Planner, LongSolve, 120);
        await Api.WaitForRunAsync(Planner, solving, TimeSpan.FromSeconds(30), "running");
        var waiting = await Api.StartRunAsync(Planner, Demo, 1);

        using var response = await StopAsync(waiting);
        var queued = await Api.RunAsync(Viewer, waiting);

        using (await Planner.DeleteAsync(new Uri($"/api/runs/{waiting}", UriKind.Relative)))
        using (await Planner.DeleteAsync(new Uri($"/api/runs/{solving}", UriKind.Relative)))
        {
        }

        await Api.WaitForRunAsync(Viewer, solving, TimeSpan.FromSeconds(30));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(409, "Conflict", $"Run {waiting} is still queued and has no plan to keep; cancel it instead.")));
            Assert.That(queued.GetProperty("state").GetString(), Is.EqualTo("queued"));
        }
    }

    [Test]
    public async Task Stop_UnknownRun_Is404()
    {
        using var response = await StopAsync(999_999);

        Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no run 999999.")));
    }

    // The progress names an incumbent once the construction has a plan.
    private async Task WaitForAPlanAsync(long id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var run = await Api.RunAsync(Viewer, id);
            if (run.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress
                && progress.TryGetProperty("incumbent", out var incumbent) && incumbent.ValueKind == JsonValueKind.Number)
            {
                return;
            }

            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), $"run {id} found no plan within a minute");
            await Task.Delay(200);
        }
    }
}
