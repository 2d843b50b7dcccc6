using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NodaTime;
using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// Two real <c>serve</c> nodes on one PostgreSQL server that an operator stops (<c>pg_ctl stop -m
/// fast</c>) across some of a plan's instants and starts again on the same port: both nodes live
/// through it, every release goes out once, those due meanwhile soon after the server is back, and
/// each node says so in a few lines rather than a stack trace per attempt.
/// </summary>
[NonParallelizable]
public class DatabaseOutageTests : PostgresCliTest
{
    private const int Releases = 12;

    // Twelve releases over three minutes: one every 15 s, the first 15 s after the plan is adopted.
    private static readonly TimeSpan Spread = TimeSpan.FromMinutes(3);

    private static readonly Duration CatchUpLimit = Duration.FromSeconds(15);

    private string SinkOf(string node) => Path.Combine(Folder, $"{node}.jsonl");

    [Test]
    public Task Serve_PostgresStoppedFor30Seconds_BothNodesLiveAndEveryReleaseGoesOutOnce()
        => OutageAsync(TimeSpan.FromSeconds(30));

    [Test]
    public Task Serve_PostgresStoppedFor3Minutes_BothNodesLiveAndEveryReleaseGoesOutOnce()
        => OutageAsync(TimeSpan.FromMinutes(3));

    private async Task OutageAsync(TimeSpan length)
    {
        var uri = Server.Uri(Server.CreateDatabase());
        await Bursts.AdoptAsync(uri, Releases, Spread, inSeconds: 15);
        ConcurrentQueue<string> logA = new(), logB = new();
        using var a = ServeProcess.Start(uri, "node-a", SinkOf("node-a"), logA);
        using var b = ServeProcess.Start(uri, "node-b", SinkOf("node-b"), logB);

        // The first three releases go out before the server stops; the next ones fall due while it is down.
        await Bursts.WaitUntilAsync(async () => (await Bursts.DropsAsync(uri)).Count(d => d.PublishedAt is not null) >= 3, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var linesBefore = (logA.Count, logB.Count);
        var stoppedAt = SystemClock.Instance.GetCurrentInstant();
        Server.Stop();
        await Task.Delay(length);
        var aliveDuring = !a.HasExited && !b.HasExited;
        Server.StartAgain();
        var backAt = SystemClock.Instance.GetCurrentInstant();

        await Bursts.WaitUntilAsync(
            async () => (await Bursts.DropsAsync(uri)).All(d => d.PublishedAt is not null) && Bursts.SinkKeys(SinkOf("node-a"), SinkOf("node-b")).Count >= Releases,
            Spread + TimeSpan.FromSeconds(60));

        // Time enough for a drop to go out twice, if anything would send it again.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var aliveAfter = !a.HasExited && !b.HasExited;
        var outageLines = (Between(logA, linesBefore.Item1), Between(logB, linesBefore.Item2));
        await Task.WhenAll(ServeProcess.StopAsync(a), ServeProcess.StopAsync(b));

        var drops = await Bursts.DropsAsync(uri);
        var keys = Bursts.SinkKeys(SinkOf("node-a"), SinkOf("node-b"));
        var dueDuring = drops.Where(d => d.PublishAt >= stoppedAt && d.PublishAt <= backAt).ToList();
        var late = drops.Where(d => d.PublishedAt - Max(d.PublishAt, dueDuring.Contains(d) ? backAt : d.PublishAt) > CatchUpLimit)
            .Select(d => $"{d.Title} due {d.PublishAt}, published {d.PublishedAt}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(aliveDuring, Is.True, "both nodes live through the outage");
            Assert.That(aliveAfter, Is.True, "both nodes live after it");
            Assert.That(a.ExitCode, Is.Zero, string.Join('\n', logA));
            Assert.That(b.ExitCode, Is.Zero, string.Join('\n', logB));
            Assert.That(dueDuring, Has.Count.GreaterThanOrEqualTo(2), "releases fell due during the outage");
            Assert.That(drops.Count(d => d.PublishedAt is not null), Is.EqualTo(Releases));
            Assert.That(drops.Where(d => d.PublishedAt < d.PublishAt).Select(d => d.Title), Is.Empty, "nothing went out before its instant");
            Assert.That(late, Is.Empty, "each release went out within 15 s of its instant, or of the database's return");
            Assert.That(keys, Has.Count.EqualTo(Releases), "no notification went out twice");
            Assert.That(keys.Distinct().Count(), Is.EqualTo(Releases));
            Assert.That(outageLines.Item1, Has.Count.LessThan(10), string.Join('\n', outageLines.Item1));
            Assert.That(outageLines.Item2, Has.Count.LessThan(10), string.Join('\n', outageLines.Item2));
            Assert.That(logA.Concat(logB).Where(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)), Is.Empty, "no stack trace");
        }
    }

    // What a node wrote since the outage began, but the line of each publication.
    private static List<string> Between(ConcurrentQueue<string> log, int from)
        => [.. log.Skip(from).Where(l => !l.Contains("Published ", StringComparison.Ordinal))];

    private static Instant Max(Instant x, Instant y) => x > y ? x : y;

    [Test]
    public async Task Serve_StartedWhileThePostgresServerIsDown_WaitsForItThenPublishes()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        await Bursts.AdoptAsync(uri, 2, TimeSpan.FromSeconds(2), inSeconds: 5);
        Server.Stop();
        ConcurrentQueue<string> log = new();
        Process node;
        bool waited;
        try
        {
            node = ServeProcess.Start(uri, "node-a", SinkOf("node-a"), log);
            await Task.Delay(TimeSpan.FromSeconds(15));
            waited = !node.HasExited;
        }
        finally
        {
            Server.StartAgain();
        }

        int exitCode;
        using (node)
        {
            await Bursts.WaitUntilAsync(async () => Bursts.SinkKeys(SinkOf("node-a")).Count >= 2, TimeSpan.FromSeconds(60));
            await ServeProcess.StopAsync(node);
            exitCode = node.ExitCode;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(waited, Is.True, string.Join('\n', log));
            Assert.That(Bursts.SinkKeys(SinkOf("node-a")), Has.Count.EqualTo(2));
            Assert.That(exitCode, Is.Zero, string.Join('\n', log));
            Assert.That(log.Count(l => l.Contains("The database stopped answering", StringComparison.Ordinal)), Is.EqualTo(1), string.Join('\n', log));
        }
    }

    [Test]
    public async Task ServeHttp_WhileThePostgresServerIsDown_HealthzSaysSinceWhenAndTheApiAnswers503_ThenBothRecover()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        var token = (await CliRun.InProcessAsync("token", "add", "pat", "--role", "planner", "--db", uri)).Output.Trim();
        var port = Ports.Free();
        ConcurrentQueue<string> log = new();
        using var node = ServeProcess.Start(uri, "web", SinkOf("web"), log, "--http", $"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var client = new HttpClient { BaseAddress = probe.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Bursts.WaitUntilAsync(async () => await StatusOfAsync(probe, "/healthz") == HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        Server.Stop();
        HttpResponseMessage health, runs;
        string healthBody, runsBody;
        try
        {
            health = await probe.GetAsync(new Uri("/healthz", UriKind.Relative));
            healthBody = await health.Content.ReadAsStringAsync();
            runs = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
            runsBody = await runs.Content.ReadAsStringAsync();
        }
        finally
        {
            Server.StartAgain();
        }

        await Bursts.WaitUntilAsync(async () => await StatusOfAsync(probe, "/healthz") == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var healthAfter = await StatusOfAsync(probe, "/healthz");
        var runsAfter = await StatusOfAsync(client, "/api/runs");
        var metrics = (await probe.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Split('\n').Where(l => l.StartsWith("scheduler_database_", StringComparison.Ordinal)).ToList();
        await ServeProcess.StopAsync(node);

        var outageLines = log.Where(l => l.Contains("Scheduler.Publishing.Resilience", StringComparison.Ordinal)).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(JsonDocument.Parse(healthBody).RootElement.GetProperty("database").GetString(), Does.Match(@"^unreachable since \d\d:\d\d:\d\d UTC$"));
            Assert.That(runs.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(runs.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(runs.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(JsonDocument.Parse(runsBody).RootElement.GetProperty("detail").GetString(), Is.EqualTo("The database does not answer just now; try again in a few seconds."));
            Assert.That(healthAfter, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(runsAfter, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(node.ExitCode, Is.Zero, string.Join('\n', log));
            Assert.That(outageLines, Has.Count.EqualTo(2), string.Join('\n', log));
            Assert.That(metrics, Has.One.Match(@"^scheduler_database_outages_total(\{[^}]*\})? 1$"), string.Join('\n', metrics));
            Assert.That(metrics, Has.One.Match(@"^scheduler_database_outage_duration_seconds_count(\{[^}]*\})? 1$"), string.Join('\n', metrics));
            Assert.That(metrics, Has.One.Match(@"^scheduler_database_up(\{[^}]*\})? 1$"), string.Join('\n', metrics));
            Assert.That(outageLines.FirstOrDefault(), Does.EndWith("The database stopped answering (57P01: terminating connection due to administrator command); work is retried until it answers again"));
            Assert.That(outageLines.LastOrDefault(), Does.Match(@"The database answers again, after \d+\.\d s; what fell due meanwhile is caught up$"));
        }
    }

    private static async Task<HttpStatusCode?> StatusOfAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    [Test]
    public async Task Serve_ADatabaseThatDoesNotExist_EndsWithOneSentenceAndExitCode2()
    {
        var serve = await CliRun.ProcessAsync("serve", "--db", Server.Uri("no_such_database"), "--sink", SinkOf("node-a"), "--replan-cron", "none");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(serve.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), serve.Output + serve.Error);
            Assert.That(serve.Error, Does.Match(@"^Cannot connect to 'postgres://postgres@127\.0\.0\.1:\d+/no_such_database': 3D000: database ""no_such_database"" does not exist\n$"));
        }
    }

    [Test]
    public async Task Status_WhileThePostgresServerIsDown_SaysTheDatabaseIsUnreachable()
    {
        // Never opened from this process: no pooled connection of it outlives the stop.
        var uri = Server.Uri(Server.CreateDatabase());
        Server.Stop();
        CliResult status;
        try
        {
            status = await CliRun.InProcessAsync("status", "--db", uri);
        }
        finally
        {
            Server.StartAgain();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status.ExitCode, Is.EqualTo(ExitCodes.Unavailable));
            Assert.That(status.Error, Does.Match(
                @"^The database is unreachable \(at \d\d:\d\d:\d\d UTC\): Cannot connect to 'postgres://postgres@127\.0\.0\.1:\d+/test_\d+': .+\. Any change under way was rolled back; run the command again when the database answers\.\n$"));
        }
    }
}
