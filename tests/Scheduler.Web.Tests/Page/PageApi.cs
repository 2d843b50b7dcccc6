using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Page;

/// <summary>What the page tests set up through the API itself: stored scenarios, finished runs, problems to compare with.</summary>
internal static class PageApi
{
    /// <summary>Stores a scenario file of the repository (as a planner) and gives its id.</summary>
    public static async Task<long> StoreScenarioAsync(this WebHostFixture host, string relativePath)
        => await host.StoreScenarioAsync(await File.ReadAllBytesAsync(WebHostFixture.ScenarioPath(relativePath)));

    /// <summary>Stores a scenario document (as a planner) and gives its id.</summary>
    public static async Task<long> StoreScenarioAsync(this WebHostFixture host, byte[] scenario)
    {
        using var client = host.Client(TokenRole.Planner);
        using var content = new ByteArrayContent(scenario);
        using var response = await client.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Plans a stored scenario (as a planner) and waits for the run to end; it must end done, with a plan.</summary>
    public static async Task<long> PlanAsync(this WebHostFixture host, long scenarioId, string? variant = null, double seconds = 5)
    {
        using var client = host.Client(TokenRole.Planner);
        using var response = await client.PostAsJsonAsync(new Uri("/api/runs", UriKind.Relative), new { scenarioId, variant, timeLimitSeconds = seconds });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        using var queued = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = queued.RootElement.GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds + 60);
        while (true)
        {
            using var run = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/runs/{id}", UriKind.Relative)));
            var state = run.RootElement.GetProperty("state").GetString();
            if (state is "done" or "failed" or "cancelled")
            {
                Assert.That(run.RootElement.GetProperty("plan").ValueKind, Is.EqualTo(JsonValueKind.Object), $"run {id} ended {state} without a plan");
                return id;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"run {id} is still {state}");
            await Task.Delay(100);
        }
    }

    /// <summary>The answer's body as JSON, whatever its status (a problem's <c>detail</c> and <c>errors</c>, say).</summary>
    public static async Task<JsonElement> SendAsync(this WebHostFixture host, TokenRole? role, HttpMethod method, string path, HttpContent? content = null)
    {
        using var client = host.Client(role);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await client.SendAsync(request);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The answer's body as text, which must be a success.</summary>
    public static async Task<string> GetTextAsync(this WebHostFixture host, TokenRole role, string path)
    {
        using var client = host.Client(role);
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }
}
