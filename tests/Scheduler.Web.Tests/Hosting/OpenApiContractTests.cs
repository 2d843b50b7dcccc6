using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Hosting;

/// <summary>
/// The OpenAPI document is the contract: every answer a client can meet, success or problem, is
/// declared for its operation and status with its content type, and its body keeps the declared
/// schema (no undeclared field); the document itself passes Redocly CLI's lint.
/// </summary>
[NonParallelizable]
public sealed class OpenApiContractTests : OneHostTests
{
    protected override TokenRole? Role => TokenRole.Admin;

    [Test]
    public async Task EveryOperation_AnswersAsTheDocumentDeclares()
    {
        var document = await ServedDocument.ReadAsync(Caller);
        var calls = new Calls(document, Host.BaseAddress);

        using var anonymous = Host.Client(null);
        using var viewer = Host.Client(TokenRole.Viewer);
        var scenario = (await calls.SendAsync(Caller, HttpMethod.Post, "/api/scenarios", File.ReadAllBytes(Api.Demo))).GetProperty("id").GetInt64();
        await calls.SendAsync(Caller, HttpMethod.Post, "/api/scenarios", Encoding.UTF8.GetBytes("""{"name": "x"}"""));
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/scenarios");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/scenarios/{scenario}");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/scenarios/9999");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/scenarios/{scenario}/document");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/scenarios/9999/document");
        await calls.SendAsync(Caller, HttpMethod.Post, "/api/scenarios/validate", File.ReadAllBytes(Api.Demo));
        await calls.SendAsync(Caller, HttpMethod.Post, "/api/scenarios/validate", Encoding.UTF8.GetBytes("""{"name": "x"}"""));

        var run = (await calls.SendJsonAsync(Caller, HttpMethod.Post, "/api/runs", new { scenarioId = scenario, timeLimitSeconds = 5 })).GetProperty("id").GetInt64();
        await Api.WaitForRunAsync(Caller, run, TimeSpan.FromSeconds(90));
        await calls.SendJsonAsync(Caller, HttpMethod.Post, "/api/runs", new { scenarioId = scenario, timelimitseconds = 5 });
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/runs");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/runs?limit=abc");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/runs?limit=0");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/scenarios?limit=501");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/runs/9999");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}/events");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}/report");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}/report?against={run}");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}/csv");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}/xlsx");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}/xlsx?against={run}");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/runs/9999/xlsx");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}/explain?title=starfall-protocol");
        await calls.SendAsync(Caller, HttpMethod.Get, $"/api/runs/{run}/explain");
        await calls.SendJsonAsync(Caller, HttpMethod.Post, $"/api/runs/{run}/check", new { moves = new[] { new { title = "ember-road", date = "2027-04-17" } } });
        await calls.SendJsonAsync(Caller, HttpMethod.Post, $"/api/runs/{run}/check", new { moves = new[] { new { title = "nope", date = "2027-04-16" } } });
        await calls.SendJsonAsync(Caller, HttpMethod.Post, $"/api/runs/{run}/replan", new { pins = new[] { new { title = "kitchen-wars", date = "2027-04-16" } }, timeLimitSeconds = 1 });
        await calls.SendJsonAsync(Caller, HttpMethod.Post, $"/api/runs/{run}/replan", new { pins = Array.Empty<object>(), timelimit = 1 });
        await calls.SendJsonAsync(Caller, HttpMethod.Post, $"/api/runs/{run}/fit", new { title = new { id = "late-special", name = "Late special", genres = new[] { "drama" }, demand = 40 }, top = 2 });
        await calls.SendJsonAsync(Caller, HttpMethod.Post, $"/api/runs/{run}/fit", new { title = new { id = "late-special", demand = -1 } });
        await calls.SendJsonAsync(Caller, HttpMethod.Post, "/api/runs/9999/fit", new { title = new { id = "kitchen-wars" } });
        await calls.SendJsonAsync(Caller, HttpMethod.Post, "/api/runs/9999/check", new { moves = new[] { new { title = "ember-road", date = "2027-04-16" } } });
        await calls.SendAsync(Caller, HttpMethod.Delete, $"/api/runs/{run}");
        await calls.SendAsync(Caller, HttpMethod.Delete, "/api/runs/9999");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/plan-of-record");
        await calls.SendAsync(Caller, HttpMethod.Post, $"/api/runs/{run}/adopt");
        await calls.SendAsync(Caller, HttpMethod.Post, "/api/runs/9999/adopt");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/plan-of-record");
        var feedKey = Uri.EscapeDataString(Host.Tokens[TokenRole.Feed]);
        await calls.SendAsync(anonymous, HttpMethod.Get, $"/api/calendar.ics?key={feedKey}");
        await calls.SendAsync(anonymous, HttpMethod.Get, $"/api/calendar/uk.ics?key={feedKey}");
        await calls.SendAsync(anonymous, HttpMethod.Get, $"/api/calendar/fr.ics?key={feedKey}");
        await calls.SendAsync(anonymous, HttpMethod.Get, "/api/calendar/uk.ics");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/publications?limit=5");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/session");
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/publications?state=soon");

        // A slate that takes seconds to plan, so that the cancel reaches it before it ends (the demo plans in a moment).
        var slate = Path.Combine(Path.GetTempPath(), $"scheduler-openapi-{Guid.NewGuid():N}.json");
        await CommandLine.GenerateLongSolveAsync(slate);
        var longSolve = await Api.SubmitAsync(Caller, slate);
        File.Delete(slate);
        var cancelled = (await calls.SendJsonAsync(Caller, HttpMethod.Post, "/api/runs", new { scenarioId = longSolve, timeLimitSeconds = 600 })).GetProperty("id").GetInt64();
        await calls.SendAsync(Caller, HttpMethod.Delete, $"/api/runs/{cancelled}");
        await Api.WaitForRunAsync(Caller, cancelled, TimeSpan.FromSeconds(60));
        var stopped = (await calls.SendJsonAsync(Caller, HttpMethod.Post, "/api/runs", new { scenarioId = longSolve, timeLimitSeconds = 600 })).GetProperty("id").GetInt64();
        await Api.WaitForRunAsync(Caller, stopped, TimeSpan.FromSeconds(60), "running");
        await calls.SendAsync(Caller, HttpMethod.Post, $"/api/runs/{stopped}/stop");
        await Api.WaitForRunAsync(Caller, stopped, TimeSpan.FromSeconds(120));
        await calls.SendAsync(Caller, HttpMethod.Post, $"/api/runs/{stopped}/stop");
        await calls.SendAsync(Caller, HttpMethod.Post, "/api/runs/9999/stop");

        await calls.SendJsonAsync(Caller, HttpMethod.Post, "/api/compare", new { scenarioId = scenario, variants = new[] { "starfall-slips" }, timeLimitSeconds = 3 });
        await calls.SendJsonAsync(Caller, HttpMethod.Post, "/api/compare", new { scenarioId = 9999 });
        await calls.SendAsync(Caller, HttpMethod.Get, "/api/comparisons/9999");

        await calls.SendAsync(Caller, HttpMethod.Get, "/api/tokens");
        await calls.SendAsync(Caller, HttpMethod.Delete, "/api/tokens/nobody");
        await calls.SendAsync(anonymous, HttpMethod.Get, "/api/runs");
        await calls.SendAsync(viewer, HttpMethod.Post, "/api/scenarios", File.ReadAllBytes(Api.Demo));
        await calls.SendAsync(Caller, HttpMethod.Delete, "/api/tokens/vera-viewer");
        await calls.SendAsync(anonymous, HttpMethod.Get, "/healthz");
        await calls.SendAsync(anonymous, HttpMethod.Get, "/metrics");
        var metrics = await anonymous.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var docs = await File.ReadAllTextAsync(Path.Combine(WebHostFixture.RepositoryRoot, "docs", "http-api.md"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                metrics.Split('\n').Where(l => l.StartsWith("# TYPE scheduler_", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).Where(name => !docs.Contains($"| `{name}` |", StringComparison.Ordinal)),
                Is.Empty,
                "metrics served but not named in docs/http-api.md");
            Assert.That(calls.Mismatches, Is.Empty, "answers that break the document");
            Assert.That(
                document.Operations.Select(o => $"{o.Method} {o.Path}").Except(calls.Succeeded).Where(o => o != "GET /api/comparisons/{id}"),
                Is.Empty,
                "operations never answered with success here (a queued comparison needs a cluster: ClusterSolveTests)");
        }
    }

    [Test]
    public async Task Document_PassesRedoclyLintWithoutErrors()
    {
        var document = await ServedDocument.ReadAsync(Caller);
        var redocly = Path.Combine(WebHostFixture.RepositoryRoot, ".ci", "tools", "node_modules", ".bin", "redocly");
        Assert.That(File.Exists(redocly), Is.True, $"{redocly} is missing: run .ci/setup, which installs @redocly/cli.");
        var file = Path.Combine(Path.GetTempPath(), $"scheduler-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document.Text);
        try
        {
            var start = new ProcessStartInfo(redocly, ["lint", file, "--format=summary"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            Assert.That(lint.ExitCode, Is.Zero, $"{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Docs_EveryOperationTable_IsTheDocuments()
    {
        var document = await ServedDocument.ReadAsync(Caller);
        string[] common = ["400", "401", "403", "500", "503"];
        var expected = document.Operations.Select(o =>
        {
            var operation = document.Root["paths"]![o.Path]![o.Method.ToLowerInvariant()]!;
            var statuses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            var problems = statuses.Where(k => !k.StartsWith('2') && !(o.Path.StartsWith("/api/", StringComparison.Ordinal) && common.Contains(k))).ToList();
            return $"| `{operation["operationId"]}` | `{o.Method} {o.Path}` | {string.Join(", ", statuses.Where(k => k.StartsWith('2')))} | {(problems.Count == 0 ? "-" : string.Join(", ", problems))} |";
        });
        var docs = await File.ReadAllLinesAsync(Path.Combine(WebHostFixture.RepositoryRoot, "docs", "http-api.md"));
        var table = docs.SkipWhile(l => l != "## Every operation").Skip(1).SkipWhile(l => !l.StartsWith("| `", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|'));

        Assert.That(table, Is.EqualTo(expected), "docs/http-api.md, 'Every operation': the table the document gives is\n" + string.Join("\n", expected));
    }

    [Test]
    public async Task Document_ServerIsTheListeningAddressWhateverTheHostHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";
        using var response = await Caller.SendAsync(request);

        var servers = (await response.JsonAsync()).GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString());

        Assert.That(servers, Is.EqualTo(new[] { Host.BaseAddress.ToString().TrimEnd('/') }));
    }

    [Test]
    public async Task Document_PublicUrl_IsTheServer()
    {
        await using var host = await WebHostFixture.StartAsync(web: w => w with { PublicUrl = new Uri("https://scheduler.example.com/planning/") });
        using var client = host.Client(null);

        var document = await ServedDocument.ReadAsync(client);

        Assert.That(document.Root["servers"]!.AsArray().Select(s => (string?)s!["url"]), Is.EqualTo(new[] { "https://scheduler.example.com/planning" }));
    }

    /// <summary>Requests made, each answer checked against the document as it comes.</summary>
    private sealed class Calls(ServedDocument document, Uri baseAddress)
    {
        public List<string> Mismatches { get; } = [];

        /// <summary>"METHOD template" of each operation answered with a 2xx.</summary>
        public HashSet<string> Succeeded { get; } = [];

        public async Task<JsonElement> SendJsonAsync(HttpClient client, HttpMethod method, string path, object body)
            => await SendAsync(client, method, path, JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web));

        public async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, byte[]? body = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new("application/json");
            }

            // Server-sent events end when the run has; the answer is read whole either way.
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            var call = $"{method} {path} -> {status} {mediaType}";
            if (document.Template(method.Method, path) is not { } template)
            {
                Mismatches.Add($"{call}: no operation in the document");
                return default;
            }

            if (status is >= 200 and < 300)
            {
                Succeeded.Add($"{method.Method} {template}");
            }

            if (document.Response(method.Method, template, status) is not { } declared)
            {
                Mismatches.Add($"{call}: status not declared for {method.Method} {template}");
                return default;
            }

            if (declared["content"]?[mediaType] is not { } content)
            {
                Mismatches.Add($"{call}: content type not declared (declared: {string.Join(", ", declared["content"]?.AsObject().Select(c => c.Key) ?? [])})");
                return default;
            }

            if (!mediaType.EndsWith("json", StringComparison.Ordinal))
            {
                return default;
            }

            if (content["schema"] is not { } schema)
            {
                Mismatches.Add($"{call}: JSON without a schema");
            }
            else
            {
                Mismatches.AddRange(document.Check(schema, text).Select(e => $"{call}: {e}"));
            }

            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
    }
}
