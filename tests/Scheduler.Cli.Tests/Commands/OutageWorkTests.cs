using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Scheduler.Cli.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Commands;

/// <summary>
/// Work under way when the cluster's PostgreSQL server stops: a solve finishes and is stored when
/// the server is back, under the attempt that solved it; a nightly replan due meanwhile fires once.
/// </summary>
[NonParallelizable]
public class OutageWorkTests : PostgresCliTest
{
    private const string Slate = "scenarios/global-slate-2027.json";

    private string SinkOf(string node) => Path.Combine(Folder, $"{node}.jsonl");

    [Test]
    public async Task Serve_PostgresStoppedDuringASolve_StoresTheRunWhenItIsBackUnderTheSameAttempt()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        ConcurrentQueue<string> log = new();
        using var node = ServeProcess.Start(uri, "solver", SinkOf("solver"), log);
        ConcurrentQueue<string> said = new();
        using var plan = CliProcess(said, ["plan", Path.Combine(CliRun.RepositoryRoot, Slate), "--db", uri, "--on-cluster", "--threads", "1", "--time-limit", "30", "--gap", "0"]);

        // Stopped as soon as the node has taken the run: the solve (seconds long) ends while the server is down.
        await Bursts.WaitUntilAsync(async () => (await RunAsync(uri))?.State == RunState.Running, TimeSpan.FromSeconds(60));
        var before = await RunAsync(uri);
        Server.Stop();
        await Task.Delay(TimeSpan.FromSeconds(20));
        var alive = !node.HasExited;
        Server.StartAgain();

        await Bursts.WaitUntilAsync(async () => (await RunAsync(uri))?.State == RunState.Done, TimeSpan.FromSeconds(60));
        var after = await RunAsync(uri);
        await ServeProcess.StopAsync(node);
        await plan.WaitForExitAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before?.State, Is.EqualTo(RunState.Running));
            Assert.That(alive, Is.True, string.Join('\n', log));
            Assert.That(after?.State, Is.EqualTo(RunState.Done), string.Join('\n', log));
            Assert.That(after?.Verified, Is.True);
            Assert.That(after?.PlanJson, Is.Not.Null);
            Assert.That(after?.Attempt, Is.EqualTo(1), "stored by the attempt that solved it, not solved again");
            Assert.That(node.ExitCode, Is.Zero, string.Join('\n', log));

            // The command that waited for the run was told the database went away, and how to go on.
            Assert.That(plan.ExitCode, Is.EqualTo(ExitCodes.Unavailable).Or.EqualTo(ExitCodes.Ok), string.Join('\n', said));
        }
    }

    [Test]
    public async Task Serve_NightlyReplanDueWhilePostgresIsStopped_FiresOnceWhenItIsBack()
    {
        var uri = Server.Uri(Server.CreateDatabase());
        var adopted = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--db", uri, "--adopt", "--threads", "1", "--time-limit", "5");
        Assert.That(adopted.ExitCode, Is.EqualTo(ExitCodes.Ok), adopted.Error);

        // Once a day, at a second that falls in the middle of the outage.
        var fireAt = SystemClock.Instance.GetCurrentInstant().InUtc().LocalDateTime.PlusSeconds(25);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{fireAt.Second} {fireAt.Minute} {fireAt.Hour} * * ?");
        ConcurrentQueue<string> logA = new(), logB = new();
        using var a = ServeProcess.Start(uri, "node-a", SinkOf("node-a"), logA, "--replan-cron", cron);
        using var b = ServeProcess.Start(uri, "node-b", SinkOf("node-b"), logB, "--replan-cron", cron);
        await Task.Delay(TimeSpan.FromSeconds(15));
        Server.Stop();
        await Task.Delay(TimeSpan.FromSeconds(25));
        Server.StartAgain();
        var backAt = SystemClock.Instance.GetCurrentInstant();

        await Bursts.WaitUntilAsync(async () => (await NightlyAsync(uri)).Any(r => r.State == RunState.Done), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var alive = !a.HasExited && !b.HasExited;
        await Task.WhenAll(ServeProcess.StopAsync(a), ServeProcess.StopAsync(b));

        var nightly = await NightlyAsync(uri);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alive, Is.True, string.Join('\n', logA.Concat(logB)));
            Assert.That(nightly, Has.Count.EqualTo(1), "one replan for the firing the outage held up");
            Assert.That(nightly.Select(r => r.CreatedAt), Has.All.GreaterThanOrEqualTo(backAt));
        }
    }

    private static async Task<StoredRun?> RunAsync(string uri)
    {
        try
        {
            await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
            var runs = await database.Runs.ListAsync(10);
            return runs.Count > 0 ? await database.Runs.FindAsync(runs[0].Id) : null;
        }
        catch (Exception ex) when (DatabaseFaults.IsTransient(ex))
        {
            return null;
        }
    }

    private static async Task<List<RunSummary>> NightlyAsync(string uri)
    {
        try
        {
            await using var database = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(uri), TimeProvider.System);
            return [.. (await database.Runs.ListAsync(100)).Where(r => r.Trigger == RunTrigger.Nightly)];
        }
        catch (Exception ex) when (DatabaseFaults.IsTransient(ex))
        {
            return [];
        }
    }

    // The command as a user runs it, in a process of its own.
    private static Process CliProcess(ConcurrentQueue<string> said, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "scheduler.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => said.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => said.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
