using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

public class RunEndpointsTests : LongSolveTests
{
    private JsonElement _done;

    [OneTimeSetUp]
    public async Task PlanTheDemo() => _done = await Api.PlanAsync(Planner, Demo, 2);

    private long DoneId => _done.GetProperty("id").GetInt64();

    private static List<JsonElement> Releases(JsonElement plan) => [.. plan.GetProperty("releases").EnumerateArray()];

    /// <summary>Starts a run of the long slate and waits until its solver has started.</summary>
    private async Task<long> StartLongSolveAsync()
    {
        var id = await Api.StartRunAsync(Planner, LongSolve, 60);
        await Api.WaitForRunAsync(Planner, id, TimeSpan.FromSeconds(30), "running");
        return id;
    }

    private Task<HttpResponseMessage> CancelAsync(long id) => Planner.DeleteAsync(new Uri($"/api/runs/{id}", UriKind.Relative));

    private static async Task<HttpResponseMessage> PostRunAsync(HttpClient client, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri("/api/runs", UriKind.Relative), content);
    }

    [Test]
    public async Task QueueRun_StoredScenario_Is202WithTheIdOfAQueuedRun()
    {
        using var response = await Api.StartAsync(Planner, Demo, 1);

        var body = await response.JsonAsync();
        var id = body.GetProperty("id").GetInt64();
        var run = await Api.RunAsync(Viewer, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id" }));
            Assert.That(run.GetProperty("state").GetString(), Is.AnyOf("queued", "running", "done"));
            Assert.That(run.GetProperty("scenarioId").GetInt64(), Is.EqualTo(Demo));
            Assert.That(run.GetProperty("trigger").GetString(), Is.EqualTo("api"));
            Assert.That(run.GetProperty("requestedBy").GetString(), Is.EqualTo("token:paul-planner"));
        }

        await Api.WaitForRunAsync(Viewer, id, TimeSpan.FromSeconds(60));
    }

    [Test]
    public async Task GetRun_Done_HasTheShapeOfTheDocumentation()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                _done.EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "id", "scenarioId", "scenario", "variant", "trigger", "requestedBy", "state", "status", "node", "attempt", "progress", "messages", "provenance", "plan", "alternativeOf", "alternatives", "replanOf", "pins" }));
            Assert.That(_done.GetProperty("scenarioId").GetInt64(), Is.EqualTo(Demo));
            Assert.That(_done.GetProperty("scenario").GetString(), Is.EqualTo(Api.DemoName));
            Assert.That(_done.GetProperty("variant").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(_done.GetProperty("state").GetString(), Is.EqualTo("done"));
            Assert.That(_done.GetProperty("status").GetString(), Is.AnyOf("optimal", "feasible"));
            Assert.That(_done.GetProperty("progress").GetProperty("phase").GetString(), Is.EqualTo("done"));
            Assert.That(_done.GetProperty("progress").GetProperty("timeLimitSeconds").GetDouble(), Is.EqualTo(2));
            Assert.That(_done.GetProperty("messages").GetArrayLength(), Is.Zero);
            Assert.That(Releases(_done.GetProperty("plan")), Has.Count.EqualTo(23));
        }
    }

    [Test]
    public async Task GetRun_Done_GivesThePlanThatIsStored()
    {
        await using var database = await Host.OpenAsync();
        var stored = await database.Runs.FindAsync(DoneId);

        using var plan = JsonDocument.Parse(stored!.PlanJson!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Api.Normalized(_done.GetProperty("plan").GetProperty("releases")), Is.EqualTo(Api.Normalized(plan.RootElement.GetProperty("releases"))));
            Assert.That(Api.Normalized(_done.GetProperty("plan")), Is.EqualTo(Api.Normalized(plan.RootElement)));
        }
    }

    [Test]
    public async Task QueueRun_Variant_PlansTheVariant()
    {
        var run = await Api.PlanAsync(Planner, Demo, 2, "starfall-slips");

        var starfall = Releases(run.GetProperty("plan")).Where(r => r.GetProperty("title").GetString() == "starfall-protocol").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("done"));
            Assert.That(run.GetProperty("variant").GetString(), Is.EqualTo("starfall-slips"));
            Assert.That(starfall, Is.Not.Empty);
            Assert.That(starfall.Select(r => r.GetProperty("date").GetString()), Has.All.GreaterThanOrEqualTo("2027-05-07"));
        }
    }

    [Test]
    public async Task ListRuns_SeveralRuns_GivesNewestFirst()
    {
        var newest = await Api.PlanAsync(Planner, Demo, 1);

        using var response = await Viewer.GetAsync(new Uri("/api/runs", UriKind.Relative));

        var rows = (await response.JsonAsync()).EnumerateArray().ToList();
        var ids = rows.Select(r => r.GetProperty("id").GetInt64()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ids, Has.Count.GreaterThanOrEqualTo(2));
            Assert.That(ids, Is.Ordered.Descending);
            Assert.That(ids[0], Is.EqualTo(newest.GetProperty("id").GetInt64()));
            Assert.That(ids, Does.Contain(DoneId));
            Assert.That(rows[0].GetProperty("scenario").GetString(), Is.EqualTo(Api.DemoName));
            Assert.That(rows[0].GetProperty("trigger").GetString(), Is.EqualTo("api"));
            Assert.That(rows[0].GetProperty("status").GetString(), Is.EqualTo(newest.GetProperty("status").GetString()));
        }
    }

    [Test]
    public async Task ListRuns_Limit_GivesAtMostThatMany()
    {
        using var response = await Viewer.GetAsync(new Uri("/api/runs?limit=1", UriKind.Relative));

        Assert.That((await response.JsonAsync()).GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task GetRun_Unknown_Is404()
    {
        using var response = await Viewer.GetAsync(new Uri("/api/runs/999999", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no run 999999.")));
        }
    }

    [Test]
    public async Task Events_RunningRun_StreamsProgressThenDone()
    {
        var id = await Api.StartRunAsync(Planner, LongSolve, 3);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/runs/{id}/events", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await Viewer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync())
        {
            events.Add(item);
        }

        var progress = events.Where(e => e.EventType == "progress").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        using var done = JsonDocument.Parse(events[^1].Data);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(progress, Is.Not.Empty);
            Assert.That(events.SkipLast(1).Select(e => e.EventType), Has.All.EqualTo("progress"));
            Assert.That(progress.Select(p => p.GetProperty("id").GetInt64()), Has.All.EqualTo(id));
            Assert.That(progress.Select(p => p.GetProperty("state").GetString()), Has.All.AnyOf("queued", "running"));
            Assert.That(progress.Select(p => p.GetProperty("finished").GetBoolean()), Has.All.False);
            Assert.That(progress.Count(p => p.GetProperty("progress").ValueKind == JsonValueKind.Object), Is.Positive, "the solver's progress while it ran");
            Assert.That(events[^1].EventType, Is.EqualTo("done"));
            Assert.That(done.RootElement.GetProperty("id").GetInt64(), Is.EqualTo(id));
            Assert.That(done.RootElement.GetProperty("state").GetString(), Is.EqualTo("done"));
            Assert.That(done.RootElement.GetProperty("finished").GetBoolean(), Is.True);
            Assert.That(done.RootElement.GetProperty("status").GetString(), Is.AnyOf("optimal", "feasible"));
            Assert.That(done.RootElement.TryGetProperty("plan", out _), Is.False, "the final event carries the run but its plan");
        }
    }

    [Test]
    public async Task Events_EndedRun_SendsOnlyTheFinalEvent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/runs/{DoneId}/events", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await Viewer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync())
        {
            events.Add(item);
        }

        Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "done" }));
    }

    [Test]
    public async Task Events_UnknownRun_SendsMissing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/runs/999999/events", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await Viewer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync())
        {
            events.Add(item);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "missing" }));
            Assert.That(Api.Normalized(events[0].Data), Is.EqualTo(Api.Normalized("""{ "id": 999999, "message": "There is no run 999999." }""")));
        }
    }

    [Test]
    public async Task Cancel_RunningRun_EndsCancelledQuicklyWithoutAPlan()
    {
        var id = await StartLongSolveAsync();

        var clock = Stopwatch.StartNew();
        using var response = await CancelAsync(id);
        var run = await Api.WaitForRunAsync(Viewer, id, TimeSpan.FromSeconds(30));
        var stoppedAfter = clock.Elapsed;

        using var again = await CancelAsync(id);
        using var csv = await Viewer.GetAsync(new Uri($"/api/runs/{id}/csv", UriKind.Relative));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(Api.Normalized(await response.JsonAsync()), Is.EqualTo(Api.Normalized($$"""{ "id": {{id}}, "state": "cancelled" }""")));
            Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("cancelled"));
            Assert.That(run.GetProperty("plan").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(run.GetProperty("messages").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "cancelled while solving; no plan was stored" }));
            Assert.That(stoppedAfter, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await again.ProblemAsync(), Is.EqualTo(Api.Problem(409, "Conflict", $"Run {id} has already ended (cancelled); there is nothing to cancel.")));
            Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await csv.ProblemAsync(), Is.EqualTo(Api.Problem(409, "Conflict", $"Run {id} has no verified plan (state cancelled, status {run.GetProperty("status").GetString()}).")));
        }
    }

    [Test]
    public async Task Cancel_QueuedRun_EndsCancelledAndNeverStarts()
    {
        var solving = await StartLongSolveAsync();
        var waiting = await Api.StartRunAsync(Planner, Demo, 1);
        var queued = await Api.RunAsync(Viewer, waiting);

        using var response = await CancelAsync(waiting);
        var cancelled = await Api.RunAsync(Viewer, waiting);

        using (await CancelAsync(solving))
        {
        }

        await Api.WaitForRunAsync(Viewer, solving, TimeSpan.FromSeconds(30));
        var after = await Api.PlanAsync(Planner, Demo, 1);
        var later = await Api.RunAsync(Viewer, waiting);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(queued.GetProperty("state").GetString(), Is.EqualTo("queued"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(cancelled.GetProperty("state").GetString(), Is.EqualTo("cancelled"));
            Assert.That(cancelled.GetProperty("messages").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "cancelled by token:paul-planner before it started" }));
            Assert.That(after.GetProperty("state").GetString(), Is.EqualTo("done"), "the queue goes on after a cancelled run");
            Assert.That(Api.Normalized(later), Is.EqualTo(Api.Normalized(cancelled)), "the cancelled run never started");
            Assert.That(later.GetProperty("progress").GetProperty("phase").GetString(), Is.EqualTo("queued"), "its progress is still the one it was queued with");
            Assert.That(later.GetProperty("plan").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    public async Task Cancel_UnknownRun_Is404()
    {
        using var response = await CancelAsync(999999);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no run 999999.")));
        }
    }

    [Test]
    public async Task Cancel_DoneRun_Is409()
    {
        using var response = await CancelAsync(DoneId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(409, "Conflict", $"Run {DoneId} has already ended (done); there is nothing to cancel.")));
        }
    }

    [Test]
    public async Task Adopt_UnknownRun_Is404WithoutNamingTheDatabase()
    {
        using var admin = Host.Client(TokenRole.Admin);

        using var response = await admin.PostAsync(new Uri("/api/runs/999999/adopt", UriKind.Relative), null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no run 999999.")));
        }
    }
}
