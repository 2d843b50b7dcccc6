using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Storage;
using Scheduler.Web.Hosting;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Hosting;

public class SchedulerWebHostTests : OneHostTests
{
    protected override TokenRole? Role => null;

    /// <summary>The demo scenario padded with trailing spaces (still the same JSON) to exactly <paramref name="length"/> bytes.</summary>
    private static async Task<byte[]> DemoOfLengthAsync(long length)
    {
        var demo = await File.ReadAllBytesAsync(Api.Demo);
        var padded = new byte[length];
        demo.CopyTo(padded, 0);
        padded.AsSpan(demo.Length).Fill((byte)' ');
        return padded;
    }

    /// <summary>Reads <c>/metrics</c> until it contains <paramref name="name"/> (the exporter caches its answer briefly).</summary>
    private async Task<(HttpResponseMessage Response, string Text)> MetricsWithAsync(string name, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await Caller.GetAsync(new Uri("/metrics", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            if (text.Contains(name, StringComparison.Ordinal) || clock.Elapsed > limit)
            {
                return (response, text);
            }

            response.Dispose();
            await Task.Delay(250);
        }
    }

    [Test]
    public void WebOptions_Default_LimitsBodiesTo20Megabytes()
        => Assert.That(new WebOptions(new Uri("http://127.0.0.1:8080")).MaxRequestBodyBytes, Is.EqualTo(20 * 1024 * 1024));

    [Test]
    public async Task Submit_BodyOverTheLimit_Is413()
    {
        await using var host = await WebHostFixture.StartAsync(web => web with { MaxRequestBodyBytes = 1024 * 1024 });
        using var planner = host.Client(TokenRole.Planner);
        using var content = new ByteArrayContent(await DemoOfLengthAsync((1024 * 1024) + 1));

        using var response = await planner.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(413, "Request body too large", "The request body is larger than 1 MB.")));
        }
    }

    [Test]
    public async Task Submit_ChunkedBodyOverTheLimit_Is413()
    {
        await using var host = await WebHostFixture.StartAsync(web => web with { MaxRequestBodyBytes = 1024 * 1024 });
        using var planner = host.Client(TokenRole.Planner);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/scenarios", UriKind.Relative))
        {
            Content = new ByteArrayContent(await DemoOfLengthAsync(2 * 1024 * 1024)),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await planner.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(413, "Request body too large", "The request body is larger than 1 MB.")));
        }
    }

    [Test]
    public async Task Submit_BodyOfExactlyTheLimit_IsAccepted()
    {
        await using var host = await WebHostFixture.StartAsync(web => web with { MaxRequestBodyBytes = 1024 * 1024 });
        using var planner = host.Client(TokenRole.Planner);
        using var content = new ByteArrayContent(await DemoOfLengthAsync(1024 * 1024));

        using var response = await planner.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task OpenApi_ApiPaths_NeedTheBearerScheme()
    {
        using var response = await Caller.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        var document = await response.JsonAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object).Select(o => (Path: p.Name, Operation: o.Value)))
            .ToList();
        bool Secured(JsonElement operation) => operation.TryGetProperty("security", out var security)
            && security.EnumerateArray().Any(r => r.TryGetProperty("bearer", out _));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()), Is.EqualTo(("http", "bearer")));
            Assert.That(operations.Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)).Select(o => Secured(o.Operation)), Is.Not.Empty.And.All.True);
            Assert.That(operations.Where(o => o.Path == "/healthz").Select(o => Secured(o.Operation)), Is.EqualTo(new[] { false }));
        }
    }

    [Test]
    public async Task OpenApi_WithoutAToken_ListsEveryApiPath()
    {
        using var response = await Caller.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        var document = await response.JsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateObject().Select(o => o.Name).Order().ToList());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(document.GetProperty("openapi").GetString(), Does.StartWith("3."));
            Assert.That(
                paths.Keys.Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
                Is.EqualTo(new[]
                {
                    "/api/calendar.ics",
                    "/api/calendar/{region}.ics",
                    "/api/compare",
                    "/api/comparisons/{id}",
                    "/api/plan-of-record",
                    "/api/publications",
                    "/api/runs",
                    "/api/runs/{id}",
                    "/api/runs/{id}/adopt",
                    "/api/runs/{id}/check",
                    "/api/runs/{id}/csv",
                    "/api/runs/{id}/events",
                    "/api/runs/{id}/explain",
                    "/api/runs/{id}/fit",
                    "/api/runs/{id}/replan",
                    "/api/runs/{id}/report",
                    "/api/runs/{id}/stop",
                    "/api/runs/{id}/xlsx",
                    "/api/scenarios",
                    "/api/scenarios/validate",
                    "/api/scenarios/{id}",
                    "/api/scenarios/{id}/document",
                    "/api/session",
                    "/api/tokens",
                    "/api/tokens/{name}",
                }));
            Assert.That(paths, Does.ContainKey("/healthz"));
            Assert.That(paths["/api/runs"], Is.EqualTo(new[] { "get", "post" }));
            Assert.That(paths["/api/runs/{id}"], Is.EqualTo(new[] { "delete", "get" }));
            Assert.That(paths["/api/runs/{id}/adopt"], Is.EqualTo(new[] { "post" }));
            Assert.That(paths["/api/tokens/{name}"], Is.EqualTo(new[] { "delete" }));
        }
    }

    [Test]
    public async Task Metrics_AfterASolve_HaveTheSolveDuration()
    {
        using var planner = Host.Client(TokenRole.Planner);
        await Api.PlanAsync(planner, await Api.SubmitAsync(planner, Api.Demo), 1);

        var (response, text) = await MetricsWithAsync("scheduler_solve_duration_seconds", TimeSpan.FromSeconds(10));

        using (response)
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(text, Does.Contain("# TYPE scheduler_solve_duration_seconds histogram"));
            Assert.That(text, Does.Match("""scheduler_solve_duration_seconds_count\{[^}]*trigger="api"[^}]*\} [1-9]"""));
        }
    }

    [Test]
    public async Task Metrics_AfterAPublication_HaveThePublicationCounters()
    {
        // A plan of record with one release that fell due two minutes ago: the host publishes it at once, late.
        var due = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(2);
        var plan = new Plan(
            new PlanScenario("Overdue", "0", null),
            due,
            new PlanSolver("test", PlanStatuses.Optimal, 0, 0, 0, 0, 0, 0),
            new PlanKpis(0, 0, 0, 0, 1, 1, 0),
            [new TitlePlan("t001", true, PlanModes.Staggered, null, 0)],
            [new ReleasePlan("t001", "us", due.InUtc().Date, due, 1)]);
        await using (var database = await Host.OpenAsync())
        {
            var run = await database.Runs.StoreAsync(NewRun.ForVerifiedPlan(plan, "{}"u8.ToArray(), RunTrigger.Cli, due, due));
            await database.PlanOfRecord.AdoptAsync(run, "test");
        }

        var (response, text) = await MetricsWithAsync("scheduler_publications_published_total", TimeSpan.FromSeconds(30));

        using (response)
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Match("""scheduler_publications_published_total(\{[^}]*\})? 1"""));
            Assert.That(text, Does.Contain("# TYPE scheduler_publication_lateness_seconds histogram"));
            Assert.That(text, Does.Match("""scheduler_publications_late_total(\{[^}]*\})? 1"""));
        }
    }
}
