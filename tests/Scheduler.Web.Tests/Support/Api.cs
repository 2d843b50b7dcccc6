using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Web.Tests.Support;

/// <summary>What the API tests do again and again: submit a scenario, start a run and wait for it, read JSON and problems.</summary>
internal static class Api
{
    public const string DemoName = "Demo: spring 2027";

    public const string ProblemContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Demo { get; } = WebHostFixture.ScenarioPath(Path.Combine("scenarios", "demo.json"));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Posts the file at <paramref name="path"/> to <c>/api/scenarios</c> and gives the stored id.</summary>
    public static async Task<long> SubmitAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        using var response = await client.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> StartAsync(HttpClient client, long scenarioId, double timeLimitSeconds, string? variant = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsJsonAsync(new Uri("/api/runs", UriKind.Relative), new { scenarioId, variant, timeLimitSeconds });
    }

    /// <summary>Starts a run and gives its id.</summary>
    public static async Task<long> StartRunAsync(HttpClient client, long scenarioId, double timeLimitSeconds, string? variant = null)
    {
        using var response = await StartAsync(client, scenarioId, timeLimitSeconds, variant);
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> RunAsync(HttpClient client, long id)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri($"/api/runs/{id}", UriKind.Relative));
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    /// <summary>Polls the run until its state is one of <paramref name="states"/> (by default: it has ended).</summary>
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, long id, TimeSpan limit, params string[] states)
    {
        string[] wanted = states.Length > 0 ? states : ["done", "failed", "cancelled"];
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var run = await RunAsync(client, id);
            if (wanted.Contains(run.GetProperty("state").GetString()))
            {
                return run;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Run {id} was not {string.Join(" or ", wanted)} after {limit.TotalSeconds} s: {run}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Starts a run and waits until it has ended; gives the run as <c>GET /api/runs/{id}</c> shows it.</summary>
    public static async Task<JsonElement> PlanAsync(HttpClient client, long scenarioId, double timeLimitSeconds, string? variant = null)
    {
        var id = await StartRunAsync(client, scenarioId, timeLimitSeconds, variant);
        return await WaitForRunAsync(client, id, TimeSpan.FromSeconds(timeLimitSeconds + 60));
    }

    /// <summary>A problem as the API writes it, for comparing whole bodies: every error listed (as fewer than 200 are) and their count.</summary>
    public static string Problem(int status, string title, string detail, params (string Path, string Message)[] errors)
        => Normalized(new JsonObject
        {
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["errors"] = new JsonArray([.. errors.Select(e => new JsonObject { ["path"] = e.Path, ["message"] = e.Message })]),
            ["errorCount"] = errors.Length,
        });

    public static string Invalid(string detail, params (string Path, string Message)[] errors) => Problem(422, "The request is invalid", detail, errors);

    /// <summary>The response's body as a problem, in the form <see cref="Problem"/> gives, after checking its content type.</summary>
    public static async Task<string> ProblemAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(ProblemContentType), await response.Content.ReadAsStringAsync());
        return Normalized(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>JSON without indentation or escapes, so that two texts of the same JSON compare equal.</summary>
    public static string Normalized(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    public static string Normalized(JsonElement element) => Normalized(JsonNode.Parse(element.GetRawText()));

    public static string Normalized(string json) => Normalized(JsonNode.Parse(json));
}
