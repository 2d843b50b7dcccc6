using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// Stop on a cluster, with real <c>serve</c> processes: the node that answers the request solves
/// nothing; the stop reaches the node solving the run through the database, and that node stores
/// the best plan it had found, long before the run's limit.
/// </summary>
public class ClusterStopTests : PostgresCliTest
{
    private readonly List<Process> _nodes = [];

    [TearDown]
    public async Task StopNodesAsync()
    {
        await Task.WhenAll(_nodes.Select(ServeProcess.StopAsync));
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _nodes.Clear();
    }

    [Test]
    public async Task Stop_RunSolvedByAnotherNode_EndsDoneThereWithItsBestPlan()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        var slate = Path.Combine(Folder, "contended.json");
        var generated = await CliRun.InProcessAsync("generate", "--titles", "150", "--regions", "8", "--years", "1", "--seed", "3", "--contention", "high", "--out", slate);
        Assert.That(generated.ExitCode, Is.Zero, generated.Error);
        var token = (await CliRun.InProcessAsync("token", "add", "pat", "--role", "planner", "--db", uri)).Output.Trim();
        var port = Ports.Free();
        _nodes.Add(ServeProcess.Start(uri, "web", Path.Combine(Folder, "web.jsonl"), "--http", $"http://127.0.0.1:{port}", "--solve-slots", "0"));
        _nodes.Add(ServeProcess.Start(uri, "worker", Path.Combine(Folder, "worker.jsonl")));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await ServeProcess.WaitForHealthAsync(client);
        using var submitted = await client.PostAsync("/api/scenarios", new ByteArrayContent(await File.ReadAllBytesAsync(slate)));
        var scenarioId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var planned = await client.PostAsJsonAsync("/api/runs", new { scenarioId, timeLimitSeconds = 300 });
        var runId = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await WaitAsync(client, runId, run => run.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p
            && p.TryGetProperty("incumbent", out var incumbent) && incumbent.ValueKind == JsonValueKind.Number);

        var clock = Stopwatch.StartNew();
        using var stopped = await client.PostAsync($"/api/runs/{runId}/stop", null);
        var done = await WaitAsync(client, runId, run => run.GetProperty("state").GetString() is "done" or "failed" or "cancelled");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stopped.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Accepted));
            Assert.That((done.GetProperty("state").GetString(), done.GetProperty("status").GetString(), done.GetProperty("node").GetString()), Is.EqualTo(("done", "feasible", "worker")));
            Assert.That(done.GetProperty("plan").GetProperty("releases").GetArrayLength(), Is.Positive);
            Assert.That(done.GetProperty("messages").EnumerateArray().Select(m => m.GetString()), Does.Contain("told to finish now by token:pat: the best plan found by then, not searched to its time limit"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "it ended when told, not at its 300 s limit");
        }
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, long runId, Func<JsonElement, bool> reached)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            if (reached(run))
            {
                return run;
            }

            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(120)), $"run {runId}: {run}");
            await Task.Delay(250);
        }
    }
}
