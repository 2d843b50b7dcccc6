using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// Two real <c>serve</c> processes on one throw-away PostgreSQL database, as a Quartz cluster:
/// every drop goes out once cluster-wide, a node killed mid-burst leaves the rest to the other, and
/// the nightly replan fires once per firing.
/// </summary>
public class ClusterServeTests : PostgresCliTest
{
    private string SinkOf(string node) => Path.Combine(Folder, $"{node}.jsonl");

    private Process StartNode(string uri, string node, string cron = "none") => ServeProcess.Start(uri, node, SinkOf(node), "--replan-cron", cron);

    private static Task StopAsync(Process node) => ServeProcess.StopAsync(node);

    private static Task<IReadOnlyList<ScheduledRelease>> DropsAsync(string uri) => Bursts.DropsAsync(uri);

    private List<string> SinkKeys(params string[] nodes) => Bursts.SinkKeys([.. nodes.Select(SinkOf)]);

    private static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit) => Bursts.WaitUntilAsync(condition, limit);

    private static Task<Instant> AdoptBurstAsync(string uri, int count, TimeSpan spread, string prefix = "t", int inSeconds = 8) => Bursts.AdoptAsync(uri, count, spread, prefix, inSeconds);

    [Test]
    public async Task Serve_TwoNodesAndABurstOf200_PublishEachDropOnceBetweenThem()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        await AdoptBurstAsync(uri, 200, TimeSpan.FromSeconds(20));

        using var a = StartNode(uri, "node-a");
        using var b = StartNode(uri, "node-b");
        await WaitUntilAsync(async () => (await DropsAsync(uri)).All(d => d.PublishedAt is not null) && SinkKeys("node-a", "node-b").Count >= 200, TimeSpan.FromSeconds(90));
        await Task.WhenAll(StopAsync(a), StopAsync(b));

        var drops = await DropsAsync(uri);
        var keys = SinkKeys("node-a", "node-b");
        var status = await CliRun.InProcessAsync("status", "--db", uri, "--json");
        Assert.That(status.ExitCode, Is.EqualTo(ExitCodes.Ok), status.Error);
        var statusNodes = JsonDocument.Parse(status.Output).RootElement.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("node").GetString()).Distinct();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(drops.Count(d => d.PublishedAt is not null), Is.EqualTo(200));
            Assert.That(drops.Where(d => d.PublishedAt < d.PublishAt).Select(d => d.Title), Is.Empty, "nothing went out before its instant");
            Assert.That(drops.GroupBy(d => d.PublishedBy).Select(g => g.Key), Is.EquivalentTo(new[] { "node-a", "node-b" }), "both nodes published");
            Assert.That(statusNodes, Is.EquivalentTo(new[] { "node-a", "node-b" }), "status names the node of each publication");
            Assert.That(keys, Has.Count.EqualTo(200));
            Assert.That(keys.Distinct().Count(), Is.EqualTo(200));
        }
    }

    [Test]
    public async Task Serve_NodeKilledMidBurst_TheOtherPublishesTheRestWithNothingLostOrDoubled()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        await AdoptBurstAsync(uri, 200, TimeSpan.FromSeconds(20));

        using var a = StartNode(uri, "node-a");
        using var b = StartNode(uri, "node-b");
        await WaitUntilAsync(async () => (await DropsAsync(uri)).Count(d => d.PublishedBy == "node-a") >= 20, TimeSpan.FromSeconds(60));
        a.Kill(entireProcessTree: true);
        await a.WaitForExitAsync();
        var byAAtKill = (await DropsAsync(uri)).Count(d => d.PublishedBy == "node-a");
        await WaitUntilAsync(async () => (await DropsAsync(uri)).All(d => d.PublishedAt is not null) && SinkKeys("node-a", "node-b").Distinct().Count() >= 200, TimeSpan.FromSeconds(120));
        await StopAsync(b);

        var drops = await DropsAsync(uri);
        var keys = SinkKeys("node-a", "node-b");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(byAAtKill, Is.InRange(20, 199), "node-a was killed in the middle of the burst");
            Assert.That(drops.Count(d => d.PublishedAt is not null), Is.EqualTo(200));
            Assert.That(drops.Where(d => d.PublishedAt < d.PublishAt).Select(d => d.Title), Is.Empty, "nothing went out before its instant");
            Assert.That(drops.Count(d => d.PublishedBy == "node-b"), Is.EqualTo(200 - byAAtKill));
            Assert.That(keys.Distinct().Count(), Is.EqualTo(200));
            Assert.That(keys, Has.Count.EqualTo(200), "no notification went out twice");
        }
    }

    [Test]
    public async Task Serve_TwoNodesWithAFastReplanCron_RunOneReplanPerFiring()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", uri, "--adopt", "--threads", "1", "--time-limit", "5");

        // Every 10 seconds; watched for a little over three firings.
        using var a = StartNode(uri, "node-a", "0/10 * * * * ?");
        using var b = StartNode(uri, "node-b", "0/10 * * * * ?");
        var watched = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(34));
        await Task.WhenAll(StopAsync(a), StopAsync(b));
        var seconds = watched.Elapsed.TotalSeconds;

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
        var replans = (await database.Runs.ListAsync(100)).Where(r => r.Trigger == RunTrigger.Nightly).OrderBy(r => r.CreatedAt).ToList();
        var gaps = replans.Zip(replans.Skip(1), (x, y) => (y.CreatedAt - x.CreatedAt).TotalSeconds).ToList();
        using (Assert.EnterMultipleScope())
        {
            // Three or four firings fall in the watched time, one run each; two nodes running each would make six to eight.
            Assert.That(replans, Has.Count.InRange(2, (int)(seconds / 10) + 1));
            Assert.That(gaps, Has.All.GreaterThan(5), "no firing ran on both nodes");
        }
    }

    [Test]
    public async Task Serve_AdoptionWhileTwoNodesRun_MovesTheTriggersOnBothAndOnlyTheNewPlanGoesOut()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        await AdoptBurstAsync(uri, 50, TimeSpan.FromSeconds(10), prefix: "old", inSeconds: 30);

        using var a = StartNode(uri, "node-a");
        using var b = StartNode(uri, "node-b");
        await Task.Delay(TimeSpan.FromSeconds(6));
        await AdoptBurstAsync(uri, 50, TimeSpan.FromSeconds(10), prefix: "new", inSeconds: 10);
        await WaitUntilAsync(async () => (await DropsAsync(uri)).All(d => d.PublishedAt is not null), TimeSpan.FromSeconds(60));

        // The old plan's instants pass too: none of its drops may go out once it is replaced.
        await Task.Delay(TimeSpan.FromSeconds(32));
        await Task.WhenAll(StopAsync(a), StopAsync(b));

        var keys = SinkKeys("node-a", "node-b");
        var drops = await DropsAsync(uri);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(drops.Select(d => d.Title).Distinct().Count(), Is.EqualTo(50));
            Assert.That(drops.Count(d => d.Title.StartsWith("new", StringComparison.Ordinal) && d.PublishedAt >= d.PublishAt), Is.EqualTo(50));
            Assert.That(keys, Has.Count.EqualTo(50));
            Assert.That(keys, Has.All.Contains(":new"), "no drop of the replaced plan went out");
        }
    }
}
