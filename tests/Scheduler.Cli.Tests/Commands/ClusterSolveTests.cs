using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Scheduler.Application.Cluster;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// Solves shared by real <c>serve</c> processes on a throw-away PostgreSQL database: a comparison
/// queued with <c>--on-cluster</c> gives the plans of a local compare, a node killed mid-solve leaves
/// each run stored once, an invalid scenario fails once, and the API queues its runs on the cluster.
/// </summary>
public class ClusterSolveTests : PostgresCliTest
{
    private const string Slate = "scenarios/global-slate-2027.json";

    // Four variants that the solver proves optimal (or settles on greedy's plan) well within the limit, so that every solve is reproducible.
    private static readonly string[] FourVariants = ["--variant", "wwc-final-moves", "--variant", "heist-slips", "--variant", "new-rival-launch", "--variant", "drop-optional-doc"];

    private static readonly string[] Reproducible = ["--time-limit", "120", "--gap", "0", "--threads", "1", "--json"];

    private List<Process> _nodes = [];

    [TearDown]
    public async Task StopNodesAsync()
    {
        await Task.WhenAll(_nodes.Select(ServeProcess.StopAsync));
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _nodes = [];
    }

    private void StartNodes(string uri, params string[] names)
        => _nodes.AddRange(names.Select(n => ServeProcess.Start(uri, n, Path.Combine(Folder, $"{n}.jsonl"))));

    [Test]
    public async Task CompareOnCluster_FourVariantsOnOneNodeAndOnTwo_GiveTheLocalComparisonsPlansWithOneRunEach()
    {
        // The slate with a fifth variant that only rewords it: no run of its own, the base's plan, locally and on the cluster.
        var slate = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(CliRun.RepositoryRoot, Slate)))!.AsObject();
        slate["variants"]!.AsArray().Add(new JsonObject { ["id"] = "reworded", ["changes"] = new JsonObject { ["description"] = "The same slate, described again." } });
        var slatePath = Path.Combine(Folder, "slate.json");
        await File.WriteAllTextAsync(slatePath, slate.ToJsonString());
        string[] fiveVariants = [.. FourVariants, "--variant", "reworded"];
        var local = await CliRun.InProcessAsync(["compare", slatePath, .. fiveVariants, .. Reproducible, "--no-save", "--out", Path.Combine(Folder, "local")]);
        Assert.That(local.ExitCode, Is.EqualTo(ExitCodes.Ok), local.Error);

        var times = new List<TimeSpan>();
        foreach (var nodes in new[] { new[] { "solo" }, new[] { "node-a", "node-b" } })
        {
            var uri = Server.Uri(Server.CreateDatabase());
            StartNodes(uri, nodes);
            var clock = Stopwatch.StartNew();
            var clustered = await CliRun.InProcessAsync(["compare", slatePath, .. fiveVariants, .. Reproducible, "--db", uri, "--on-cluster", "--out", Path.Combine(Folder, nodes[0])]);
            times.Add(clock.Elapsed);
            await StopNodesAsync();

            await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
            var runs = await database.Runs.ListAsync(100);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(clustered.ExitCode, Is.EqualTo(ExitCodes.Ok), clustered.Error);
                Assert.That(WithoutTimings(clustered.Output), Is.EqualTo(WithoutTimings(local.Output)), "the same comparison as a local one");
                foreach (var file in new[] { "base", "wwc-final-moves", "heist-slips", "new-rival-launch", "drop-optional-doc", "reworded" })
                {
                    Assert.That(Releases(Path.Combine(Folder, nodes[0], $"{file}.json")), Is.EqualTo(Releases(Path.Combine(Folder, "local", $"{file}.json"))), $"{file}: the same plan");
                }

                Assert.That(Releases(Path.Combine(Folder, nodes[0], "reworded.json")), Is.EqualTo(Releases(Path.Combine(Folder, nodes[0], "base.json"))), "the no-op variant has the base's plan");
                Assert.That(JsonNode.Parse(clustered.Output)!["variants"]!.AsArray().Single(v => (string?)v!["id"] == "reworded")!["sameAsBase"]?.GetValue<bool>(), Is.True);

                Assert.That(runs.Select(r => (r.Variant ?? "base", r.State, r.Trigger)), Is.EquivalentTo(new[]
                {
                    ("base", RunState.Done, RunTrigger.Compare), ("wwc-final-moves", RunState.Done, RunTrigger.Compare), ("heist-slips", RunState.Done, RunTrigger.Compare),
                    ("new-rival-launch", RunState.Done, RunTrigger.Compare), ("drop-optional-doc", RunState.Done, RunTrigger.Compare),
                }));
                Assert.That(clustered.Error, Does.Contain("Run 1 (base): running on "));
            }

            if (nodes.Length == 2)
            {
                var solvedBy = new List<string?>();
                foreach (var run in runs)
                {
                    solvedBy.Add((await database.Runs.FindAsync(run.Id))!.Node);
                }

                Assert.That(solvedBy.Distinct(), Is.EquivalentTo(new[] { "node-a", "node-b" }), "both nodes solved");
                Assert.That(await OverlapsOnOneNodeAsync(uri), Is.Zero, "one solve at a time on each node");
            }
        }

        // Measured, not asserted: the base is solved alone, then the variants two at a time.
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Four variants: one node {times[0].TotalSeconds:0.0} s, two nodes {times[1].TotalSeconds:0.0} s ({times[1] / times[0]:0.00} of one node's time)."));
    }

    [Test]
    public async Task CompareOnCluster_NodeHoldingASolveKilled_AnotherNodeSolvesItAndEveryRunIsStoredOnce()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        StartNodes(uri, "node-a", "node-b");
        var comparing = CliRun.InProcessAsync(["compare", Slate, "--variant", "capacity-cut", "--variant", "heist-slips", "--time-limit", "15", "--gap", "0", "--threads", "1", "--db", uri, "--on-cluster", "--json"]);

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        string? victim = null;
        var clock = Stopwatch.StartNew();
        while (victim is null && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
            victim = (await database.Runs.FindAsync(1)) is { State: RunState.Running, Node: { } node } ? node : null;
        }

        // Two seconds into the base's solve, its node dies without a word.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var killed = _nodes[victim == "node-a" ? 0 : 1];
        killed.Kill(entireProcessTree: true);
        await killed.WaitForExitAsync();
        var result = await comparing;

        var baseRun = (await database.Runs.FindAsync(1))!;
        var runs = await database.Runs.ListAsync(100);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(victim, Is.Not.Null, "a node took the base");
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That(JsonNode.Parse(result.Output)!["variants"]!.AsArray().Select(v => (string?)v!["id"]), Is.EqualTo(new[] { "capacity-cut", "heist-slips" }), "one result, printed once");
            Assert.That((baseRun.State, baseRun.Attempt), Is.EqualTo((RunState.Done, 2L)), "solved again from the start by the other node");
            Assert.That(baseRun.Node, Is.Not.EqualTo(victim));
            Assert.That(runs.Select(r => r.Variant ?? "base"), Is.EquivalentTo(new[] { "base", "capacity-cut", "heist-slips" }), "one stored run per variant");
            Assert.That(runs.Select(r => r.State), Has.All.EqualTo(RunState.Done));
            foreach (var run in runs)
            {
                var stored = (await database.Runs.FindAsync(run.Id))!;
                Assert.That(await database.Runs.ReleaseCountAsync(run.Id), Is.EqualTo(JsonDocument.Parse(stored.PlanJson!).RootElement.GetProperty("releases").GetArrayLength()), $"run {run.Id}: its releases stored once");
            }
        }
    }

    [Test]
    public async Task SolveJob_StoredScenarioNoLongerValid_EndsFailedWithItsErrorsAndIsNotRetried()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        long runId;
        await using (var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System))
        {
            var content = Encoding.UTF8.GetBytes("""{ "name": "Broken", "regions": [] }""");
            var scenarioId = await database.Scenarios.StoreAsync(content, "Broken", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
            runId = await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, null, RunTrigger.Cli));
        }

        await using (var factory = ClusterStore.Writer(DatabaseTarget.Parse(uri), TimeProvider.System, "test-writer"))
        {
            await SolveJobs.QueueAsync(await factory.GetScheduler(), runId);
        }

        StartNodes(uri, "node-a");
        await using var reader = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        StoredRun? run = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && run is not { State: RunState.Failed })
        {
            await Task.Delay(200);
            run = await reader.Runs.FindAsync(runId);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await StopNodesAsync();
        long jobs;
        await using (var connection = new Npgsql.NpgsqlConnection(DatabaseTarget.Parse(uri).PostgresConnectionString("test")))
        {
            jobs = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM qrtz_job_details WHERE job_group = 'solve'");
        }

        run = await reader.Runs.FindAsync(runId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((run!.State, run.Attempt), Is.EqualTo((RunState.Failed, 1L)), "failed on its one attempt");
            Assert.That(run.Messages, Is.Not.Empty.And.All.StartsWith("$"), "the scenario's errors, each at its place");
            Assert.That(jobs, Is.Zero, "nothing left to retry");
        }
    }

    [Test]
    public async Task Api_ServeOnTheClusterWithNoSolveSlots_QueuesRunsAndComparisonsAsSolveJobsAnotherNodeTakes()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        var token = (await CliRun.InProcessAsync("token", "add", "pat", "--role", "planner", "--db", uri)).Output.Trim();
        var port = Ports.Free();
        _nodes.Add(ServeProcess.Start(uri, "web", Path.Combine(Folder, "web.jsonl"), "--http", $"http://127.0.0.1:{port}", "--solve-slots", "0"));
        StartNodes(uri, "worker");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await ServeProcess.WaitForHealthAsync(client);

        using var submitted = await client.PostAsync("/api/scenarios", new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios/demo.json"))));
        var scenarioId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var compared = await client.PostAsJsonAsync("/api/compare", new { scenarioId, timeLimitSeconds = 5 });
        var queued = await compared.Content.ReadFromJsonAsync<JsonElement>();
        using var planned = await client.PostAsJsonAsync("/api/runs", new { scenarioId, timeLimitSeconds = 5 });
        var runId = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var comparison = await client.GetFromJsonAsync<JsonElement>($"/api/comparisons/{queued.GetProperty("id").GetInt64()}");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90) && comparison.GetProperty("state").GetString() != "done")
        {
            await Task.Delay(500);
            comparison = await client.GetFromJsonAsync<JsonElement>($"/api/comparisons/{queued.GetProperty("id").GetInt64()}");
        }

        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        for (var waited = 0; waited < 60 && run.GetProperty("state").GetString() != "done"; waited++)
        {
            await Task.Delay(500);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        }

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        var nodes = new List<string?>();
        foreach (var summary in await database.Runs.ListAsync(100))
        {
            nodes.Add((await database.Runs.FindAsync(summary.Id))!.Node);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That((compared.StatusCode, planned.StatusCode), Is.EqualTo((System.Net.HttpStatusCode.Accepted, System.Net.HttpStatusCode.Accepted)));
            Assert.That(queued.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("id").GetString()), Is.EqualTo(new[] { "one-release-per-day", "starfall-slips" }));
            Assert.That(comparison.GetProperty("state").GetString(), Is.EqualTo("done"));
            Assert.That(comparison.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("state").GetString()), Has.All.EqualTo("done"));
            Assert.That(comparison.GetProperty("comparison").GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("id").GetString()), Is.EqualTo(new[] { "one-release-per-day", "starfall-slips" }));
            Assert.That(comparison.GetProperty("comparison").GetProperty("base").GetProperty("run").GetInt64(), Is.EqualTo(queued.GetProperty("baseRun").GetInt64()), "the comparison names the runs it queued");
            Assert.That(
                comparison.GetProperty("comparison").GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("run").GetInt64()),
                Is.EqualTo(queued.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("run").GetInt64())));
            Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("done"));
            Assert.That(nodes, Has.Count.EqualTo(4).And.All.EqualTo("worker"), "solved by the cluster's solving node, not in the process that answered");
        }
    }

    [Test]
    public async Task PlanOnCluster_OneNode_PrintsTheLocalPlanAndAdoptsTheStoredRun()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        var local = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--threads", "1", "--gap", "0", "--json", "--no-save");
        StartNodes(uri, "node-a");

        var clustered = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--threads", "1", "--gap", "0", "--json", "--db", uri, "--on-cluster", "--adopt", "--out", Path.Combine(Folder, "plan.json"));

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(clustered.ExitCode, Is.EqualTo(ExitCodes.Ok), clustered.Error);
            Assert.That(JsonNode.Parse(clustered.Output)!["releases"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse(local.Output)!["releases"]!.ToJsonString()), "the plan a local run makes");
            Assert.That(Releases(Path.Combine(Folder, "plan.json")), Is.EqualTo(JsonNode.Parse(local.Output)!["releases"]!.ToJsonString()));
            Assert.That(clustered.Error, Does.Contain("Run 1 (base): running on node-a (attempt 1)\n").And.Contain("Run 1 (base): done, optimal\n"));
            Assert.That(clustered.Error, Does.EndWith("Run 1 stored in " + uri + ".\nRun 1 is now the plan of record.\n"));
            Assert.That(await database.PlanOfRecord.CurrentAsync(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task PlanOnCluster_NodeHoldingItStopped_HandsItBackAndTheOtherNodeStoresItOnce()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        StartNodes(uri, "node-a", "node-b");
        var planning = CliRun.InProcessAsync("plan", Slate, "--variant", "capacity-cut", "--time-limit", "15", "--gap", "0", "--threads", "1", "--db", uri, "--on-cluster", "--json");

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        string? holder = null;
        while (holder is null && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
            holder = (await database.Runs.FindAsync(1)) is { State: RunState.Running, Node: { } node } ? node : null;
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var stopping = _nodes[holder == "node-a" ? 0 : 1];
        await ServeProcess.StopAsync(stopping);
        var result = await planning;

        var run = (await database.Runs.FindAsync(1))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(holder, Is.Not.Null, "a node took the run");
            Assert.That(stopping.ExitCode, Is.Zero, "the node stopped cleanly");
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.Error);
            Assert.That((run.State, run.Attempt), Is.EqualTo((RunState.Done, 2L)));
            Assert.That(run.Node, Is.Not.EqualTo(holder));
            Assert.That(result.Error, Does.Contain($"Run 1 (capacity-cut): running on {holder} (attempt 1)\n").And.Contain($"Run 1 (capacity-cut): running on {run.Node} (attempt 2)\n"));
            Assert.That((await database.Runs.ListAsync(10)).Count, Is.EqualTo(1), "one run");
        }
    }

    [Test]
    public async Task Sweep_QueuedRunWithoutASolveJob_IsSolvedOnceANodeStarts()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        var content = await File.ReadAllBytesAsync(Path.Combine(CliRun.RepositoryRoot, "scenarios/demo.json"));
        var scenarioId = await database.Scenarios.StoreAsync(content, "Demo: spring 2027", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        var runId = await database.SolveQueue.QueueAsync(new QueuedRun(scenarioId, null, RunTrigger.Api) { Settings = """{"timeLimitSeconds":5}""" });

        StartNodes(uri, "node-a");
        var clock = Stopwatch.StartNew();
        StoredRun? run = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && run is not { State: RunState.Done })
        {
            await Task.Delay(200);
            run = await database.Runs.FindAsync(runId);
        }

        Assert.That((run!.State, run.Node, run.Attempt, run.Verified), Is.EqualTo((RunState.Done, (string?)"node-a", 1L, true)));
    }

    [Test]
    public async Task PlanOnCluster_NoNodeRunningThenCtrlC_SaysTheRunWaitsAndCancelsIt()
    {
        var uri = Server.Uri(Server.CreateDatabase());

        var (result, _) = await CliRun.InterruptedProcessAsync("INT", "No serve node", "plan", "scenarios/demo.json", "--db", uri, "--on-cluster");

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        var run = (await database.Runs.FindAsync(1))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Interrupted));
            Assert.That(result.Error, Does.Contain("No serve node of the cluster has checked in lately: the runs wait in the queue until one starts (Ctrl-C cancels them).\n"));
            Assert.That(result.Error, Does.EndWith("Interrupted: run 1 was cancelled on the cluster; nothing was written.\n"));
            Assert.That((run.State, run.Attempt), Is.EqualTo((RunState.Cancelled, 0L)));
            Assert.That(run.Messages, Is.EqualTo(new[] { $"cancelled by cli:{Environment.UserName}: the command following it was interrupted" }));
        }
    }

    // The comparison JSON without what varies from one solve to the next of the same plan: the
    // solver's seconds, and the last bits of sums taken in another order (adding 0 makes -0 zero).
    private static string WithoutTimings(string json)
    {
        var node = JsonNode.Parse(json)!;
        node["base"]!.AsObject().Remove("solver");
        return Rounded(node)!.ToJsonString();
    }

    private static JsonNode? Rounded(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Rounded(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Rounded)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(Math.Round(v.GetValue<double>(), 9) + 0.0),
        _ => node?.DeepClone(),
    };

    // Pairs of runs solved on the same node at the same time.
    private static async Task<long> OverlapsOnOneNodeAsync(string uri)
    {
        await using var connection = new Npgsql.NpgsqlConnection(DatabaseTarget.Parse(uri).PostgresConnectionString("test"));
        return await connection.ExecuteScalarAsync<long>(
            """
            SELECT count(*) FROM runs a JOIN runs b ON a.node = b.node AND a.id < b.id
            WHERE a.started_at::timestamptz < b.finished_at::timestamptz AND b.started_at::timestamptz < a.finished_at::timestamptz
            """);
    }

    private static string Releases(string planFile) => JsonNode.Parse(File.ReadAllText(planFile))!["releases"]!.ToJsonString();
}
