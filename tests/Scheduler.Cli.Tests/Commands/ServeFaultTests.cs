using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using NodaTime;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// One real <c>serve</c> process on SQLite meeting what is not its fault: its database file held by
/// another process, its HTTP sink down for a minute. It lives through both, and every release goes
/// out once when the way is clear again.
/// </summary>
public class ServeFaultTests
{
    private string _directory = "";

    private string Db => Path.Combine(_directory, "serve.db");

    private string Sink => Path.Combine(_directory, "publications.jsonl");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("scheduler-faults-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Serve_DatabaseFileLockedByAnotherProcessFor10Seconds_PublishesWhatFellDueOnceItIsFree()
    {
        // Four releases 5 s apart; the lock, from 2 s before the first, holds two of them up.
        var first = await Bursts.AdoptAsync(Db, 4, TimeSpan.FromSeconds(20), inSeconds: 12);
        ConcurrentQueue<string> log = new();
        using var node = ServeProcess.Start(Db, "solo", Sink, log);

        // Another process's writer: this test's own connection, holding the file's write lock across two instants.
        Instant lockedAt, freedAt;
        int sentWhileLocked;
        using (var holder = new SqliteConnection($"Data Source={Db};Pooling=false"))
        {
            holder.Open();
            await Task.Delay((first - Duration.FromSeconds(2) - SystemClock.Instance.GetCurrentInstant()).ToTimeSpan());
            Execute(holder, "BEGIN EXCLUSIVE");
            lockedAt = SystemClock.Instance.GetCurrentInstant();
            await Task.Delay(TimeSpan.FromSeconds(10));
            sentWhileLocked = Bursts.SinkKeys(Sink).Count;
            Execute(holder, "ROLLBACK");
            freedAt = SystemClock.Instance.GetCurrentInstant();
        }

        await Bursts.WaitUntilAsync(async () => Bursts.SinkKeys(Sink).Count >= 4, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var alive = !node.HasExited;
        await ServeProcess.StopAsync(node);

        var drops = await Bursts.DropsAsync(Db);
        var dueWhileLocked = drops.Where(d => d.PublishAt >= lockedAt && d.PublishAt <= freedAt).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alive, Is.True, string.Join('\n', log));
            Assert.That(node.ExitCode, Is.Zero, string.Join('\n', log));
            Assert.That(dueWhileLocked, Has.Count.GreaterThanOrEqualTo(2), "releases fell due while the file was locked");
            Assert.That(sentWhileLocked, Is.Zero, "nothing could be recorded, so nothing went out, while the file was locked");
            Assert.That(
                drops.Where(d => d.PublishedAt - (dueWhileLocked.Contains(d) ? freedAt : d.PublishAt) > Duration.FromSeconds(15)).Select(d => d.Title),
                Is.Empty,
                "each went out within 15 s of its instant, or of the file's release");
            Assert.That(Bursts.SinkKeys(Sink), Has.Count.EqualTo(4));
            Assert.That(Bursts.SinkKeys(Sink).Distinct().Count(), Is.EqualTo(4));
        }
    }

    [Test]
    public async Task Serve_HttpSinkDownForAMinute_RetriesEachDeliveryUntilItAnswersWithNoneLostOrDoubled()
    {
        await Bursts.AdoptAsync(Db, 4, TimeSpan.FromSeconds(8), inSeconds: 10);
        var port = Ports.Free();
        ConcurrentQueue<string> log = new();
        using var node = ServeProcess.Start(Db, "solo", $"http://127.0.0.1:{port}/publications", log);
        var clock = Stopwatch.StartNew();

        // Nothing listens for the first minute: each delivery is refused, and tried again.
        await Task.Delay(TimeSpan.FromSeconds(60));
        var received = new ConcurrentQueue<string>();
        using var sink = new HttpListener();
        sink.Prefixes.Add($"http://127.0.0.1:{port}/");
        sink.Start();
        var serving = ServeAsync(sink, received);
        await Bursts.WaitUntilAsync(() => Task.FromResult(received.Count >= 4), TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var alive = !node.HasExited;
        await ServeProcess.StopAsync(node);
        sink.Stop();
        await serving;

        await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.File(Db), TimeProvider.System);
        var notifications = await database.Notifications.AllAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alive, Is.True, string.Join('\n', log));
            Assert.That(notifications.Sum(n => n.Attempts) - notifications.Count, Is.GreaterThanOrEqualTo(4), "deliveries were tried again and again while the sink was down");
            Assert.That(log.Count(l => l.Contains("The sink stopped taking notifications", StringComparison.Ordinal)), Is.EqualTo(1), "the refusals said once, as they began");
            Assert.That(log.Count(l => l.Contains("The sink takes notifications again", StringComparison.Ordinal)), Is.EqualTo(1), "and once as they ended");
            Assert.That(received, Has.Count.EqualTo(4), "each notification arrived once");
            Assert.That(received.Distinct().Count(), Is.EqualTo(4));
            Assert.That(notifications.Select(n => n.Status), Is.EqualTo(Enumerable.Repeat(NotificationStatus.Delivered, 4)));
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(60)));
        }
    }

    // Answers every POST with 200 and keeps its idempotency key, until the listener stops.
    private static Task ServeAsync(HttpListener sink, ConcurrentQueue<string> received)
        => Task.Run(async () =>
        {
            while (sink.IsListening)
            {
                HttpListenerContext request;
                try
                {
                    request = await sink.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                received.Enqueue(request.Request.Headers["Idempotency-Key"]!);
                request.Response.StatusCode = (int)HttpStatusCode.OK;
                request.Response.Close();
            }
        });

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
