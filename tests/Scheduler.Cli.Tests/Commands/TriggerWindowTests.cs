using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// A world's year as the plan of record (60,000 drops): serve nodes hold triggers only for the
/// window ahead, ready within seconds, follow a replan at once, catch up after a restart, and fill
/// the window once per interval for a whole cluster.
/// </summary>
public class TriggerWindowTests : PostgresCliTest
{
    private const int PastDue = 20;
    private const int Soon = 30;

    // Title 299's first regions come a little after the test starts, title 298's first an hour before it.
    private static Dictionary<(int Title, int Region), Instant> Moves(Instant now, int soonInSeconds)
    {
        var moves = new Dictionary<(int, int), Instant>();
        for (var r = 0; r < PastDue; r++)
        {
            moves[(298, r)] = now - Duration.FromHours(1);
        }

        for (var r = 0; r < Soon; r++)
        {
            moves[(299, r)] = now + Duration.FromSeconds(soonInSeconds) + Duration.FromMilliseconds(200 * r);
        }

        return moves;
    }

    [Test]
    public async Task WorldPlan_OnSqlite_ReadyWithinSecondsFollowsAReplanAndCatchesUpAfterARestart()
    {
        var db = Path.Combine(Folder, "world.db");
        var sink = Path.Combine(Folder, "sink.jsonl");
        var now = Instant.FromUnixTimeSeconds(SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds());
        var world = new WorldPlans(now + Duration.FromMinutes(10));
        var moves = Moves(now, soonInSeconds: 70);
        await world.AdoptAsync(db, moves);

        var clock = Stopwatch.StartNew();
        var node = ServeProcess.Start(db, "solo", sink);
        var ready = await FilledAsync(db, TimeSpan.FromSeconds(30));
        var readyAfter = clock.Elapsed;
        var triggers = await SqliteTriggersAsync(Path.ChangeExtension(db, ".quartz.db"));
        var expected = await WorldPlans.DueInstantsAsync(db, ready!.Through);

        // A replan moves 1% of the drops (titles 100 to 102 everywhere) to five minutes from now.
        var replanned = new Dictionary<(int, int), Instant>(moves);
        foreach (var t in new[] { 100, 101, 102 })
        {
            for (var r = 0; r < world.Regions; r++)
            {
                replanned[(t, r)] = now + Duration.FromMinutes(5);
            }
        }

        await world.AdoptAsync(db, replanned);
        clock.Restart();
        var refilled = await FilledAsync(db, TimeSpan.FromSeconds(30));
        var resyncAfter = clock.Elapsed;
        var triggersAfterReplan = await SqliteTriggersAsync(Path.ChangeExtension(db, ".quartz.db"));
        var expectedAfterReplan = await WorldPlans.DueInstantsAsync(db, refilled!.Through);

        await ServeProcess.StopAsync(node);
        var beforeRestart = Bursts.SinkKeys(sink);
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, (now + Duration.FromSeconds(77) - SystemClock.Instance.GetCurrentInstant()).TotalMilliseconds)));
        node = ServeProcess.Start(db, "solo", sink);
        await Bursts.WaitUntilAsync(() => Task.FromResult(Bursts.SinkKeys(sink).Count >= PastDue + Soon), TimeSpan.FromSeconds(30));
        await ServeProcess.StopAsync(node);

        var published = await PublishedAsync(db);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(readyAfter, Is.LessThan(TimeSpan.FromSeconds(10)), "from the start of serve to the window's triggers");
            Assert.That(expected, Has.Count.GreaterThan(40), "the window holds drops at many instants");
            Assert.That(triggers, Is.EqualTo(expected.Select(Name).Order(StringComparer.Ordinal)), "one trigger per instant of the window, none beyond it");
            Assert.That(resyncAfter, Is.LessThan(TimeSpan.FromSeconds(5)), "from the replan's adoption to its triggers");
            Assert.That(triggersAfterReplan, Is.EqualTo(expectedAfterReplan.Select(Name).Order(StringComparer.Ordinal)));
            Assert.That(triggersAfterReplan, Does.Contain(Name(now + Duration.FromMinutes(5))), "the moved drops' instant");
            Assert.That(beforeRestart, Has.Count.EqualTo(PastDue), "the drops already due, published at the start; none of the soon ones yet");
            Assert.That(Bursts.SinkKeys(sink), Has.Count.EqualTo(PastDue + Soon).And.Unique);
            Assert.That(published.Select(d => d.PublishAt), Is.Ordered, "published (notifications queued) in the order they fell due");
            Assert.That(published.TakeLast(Soon).Select(d => d.LatenessSeconds), Has.All.GreaterThan(0), "lateness recorded");
        }
    }

    [Test]
    public async Task WorldPlan_TwoNodesOnPostgres_ReadyWithinSecondsPublishEachDropOnceAndFillTheWindowOncePerInterval()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        var now = Instant.FromUnixTimeSeconds(SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds());
        var world = new WorldPlans(now + Duration.FromMinutes(10));
        await world.AdoptAsync(uri, Moves(now, soonInSeconds: 50));

        var output = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var sinks = new[] { Path.Combine(Folder, "a.jsonl"), Path.Combine(Folder, "b.jsonl") };
        var nodes = new[]
        {
            ServeProcess.Start(uri, "node-a", sinks[0], output, "--refill-every", "5s"),
            ServeProcess.Start(uri, "node-b", sinks[1], output, "--refill-every", "5s"),
        };
        var ready = await FilledAsync(uri, TimeSpan.FromSeconds(30));
        var readyAfter = clock.Elapsed;
        var connection = DatabaseTarget.Parse(uri).PostgresConnectionString("test");
        var triggers = await PostgresTriggersAsync(connection);
        var expected = await WorldPlans.DueInstantsAsync(uri, ready!.Through);

        await Bursts.WaitUntilAsync(() => Task.FromResult(Bursts.SinkKeys(sinks).Count >= PastDue + Soon), TimeSpan.FromSeconds(90));
        var interval = Stopwatch.StartNew();
        var fillsBefore = IntervalFillings(output);
        await Task.Delay(TimeSpan.FromSeconds(20));
        var fills = IntervalFillings(output) - fillsBefore;
        foreach (var node in nodes)
        {
            await ServeProcess.StopAsync(node);
        }

        var published = await PublishedAsync(uri);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(readyAfter, Is.LessThan(TimeSpan.FromSeconds(10)), "from the start of the nodes to the window's triggers");
            Assert.That(triggers, Is.EqualTo(expected.Select(Name).Order(StringComparer.Ordinal)), "one trigger per instant of the window, in the store the cluster shares");
            Assert.That(Bursts.SinkKeys(sinks), Has.Count.EqualTo(PastDue + Soon).And.Unique, "each drop once, by one node or the other");
            Assert.That(published.Select(d => d.PublishAt), Is.Ordered);
            Assert.That(fills, Is.InRange(2, 5), $"one filling per 5 s interval for the cluster in {interval.Elapsed.TotalSeconds:0} s, not one per node");
        }
    }

    /// <summary>The published drops in the order their notifications were queued.</summary>
    private static async Task<List<ScheduledRelease>> PublishedAsync(string database)
    {
        var drops = (await Bursts.DropsAsync(database)).ToDictionary(d => (d.Title, d.Region, d.Drop));
        await using var store = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(database), TimeProvider.System);
        return [.. (await store.Notifications.AllAsync()).Select(n => drops[(n.Title, n.Region, n.Drop)])];
    }

    private static string Name(Instant at) => InstantPattern.ExtendedIso.Format(at);

    private static int IntervalFillings(ConcurrentQueue<string> output)
        => output.Count(l => l.Contains("Publication triggers through", StringComparison.Ordinal) && l.Contains("asked for by every-refill-interval", StringComparison.Ordinal));

    /// <summary>Waits until the window was filled for the plan of record as it is now; returns the filling.</summary>
    private static async Task<PublicationWindow?> FilledAsync(string database, TimeSpan limit)
    {
        PublicationWindow? window = null;
        await Bursts.WaitUntilAsync(
            async () =>
            {
                await using var store = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(database), TimeProvider.System);
                window = await store.PublicationWindow.ReadAsync();
                return window is not null && window.Stamp == await store.PlanOfRecord.StampAsync();
            },
            limit);
        return window;
    }

    private static async Task<List<string>> SqliteTriggersAsync(string quartzFile)
    {
        await using var connection = new SqliteConnection($"Data Source={quartzFile}");
        return [.. (await connection.QueryAsync<string>("SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'instants'")).Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> PostgresTriggersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return [.. (await connection.QueryAsync<string>("SELECT trigger_name FROM qrtz_triggers WHERE trigger_group = 'instants'")).Order(StringComparer.Ordinal)];
    }
}
