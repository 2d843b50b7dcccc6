using Microsoft.Extensions.Time.Testing;
using Scheduler.Application.Planning;
using Scheduler.Solver.Planning;

namespace Scheduler.Application.Tests.Planning;

/// <summary>The one way a solve runs beside its caller: on a thread of its own, watched at an interval, stopped with its caller.</summary>
public class SolverThreadTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    [Test]
    public async Task RunAsync_Watched_TellsTheLatestProgressAtEachInterval()
    {
        var time = new FakeTimeProvider();
        using var finish = new ManualResetEventSlim();
        var updates = new List<SolveProgress>();
        var watch = new SolveWatch(Interval, update =>
        {
            updates.Add((SolveProgress)update);
            return Task.CompletedTask;
        });

        var running = SolverThread.RunAsync(
            (progress, stop) =>
            {
                progress.Report(new PlanningProgress("search", 10, 12));
                finish.Wait(stop);
                return 42;
            },
            TimeSpan.FromMinutes(1),
            watch,
            time,
            CancellationToken.None);
        await AdvanceUntilAsync(time, () => updates.Count >= 2);
        finish.Set();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await running, Is.EqualTo(42));
            Assert.That(updates.Select(u => (u.Progress.Phase, u.Progress.Incumbent, u.Progress.Bound, u.TimeLimit)), Has.All.EqualTo(("search", (double?)10, (double?)12, TimeSpan.FromMinutes(1))));
            Assert.That(updates[1].Elapsed - updates[0].Elapsed, Is.EqualTo(Interval), "one update an interval, on the given clock");
        }
    }

    [Test]
    public async Task RunAsync_WatcherFails_StopsTheSolverAndTellsWhy()
    {
        var time = new FakeTimeProvider();
        var solve = new SolveUntilStopped();
        var watch = new SolveWatch(Interval, _ => throw new InvalidOperationException("the database went away"));

        var running = SolverThread.RunAsync(
            solve.Run,
            TimeSpan.FromMinutes(1),
            watch,
            time,
            CancellationToken.None);
        await AdvanceUntilAsync(time, () => running.IsCompleted);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(async () => await running, Throws.InvalidOperationException.With.Message.EqualTo("the database went away"));
            Assert.That(solve.Stopped, Is.True, "no solver goes on alone once its watcher failed");
        }
    }

    [Test]
    public async Task RunAsync_CallerCancels_StopsTheSolver()
    {
        using var cancel = new CancellationTokenSource();
        var solve = new SolveUntilStopped();

        var running = SolverThread.RunAsync(
            solve.Run,
            TimeSpan.FromMinutes(1),
            null,
            TimeProvider.System,
            cancel.Token);
        await cancel.CancelAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
            Assert.That(solve.Stopped, Is.True);
        }
    }

    // The solve's thread and the watch loop run on their own; the fake clock moves on until they have done what the test waits for.
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        for (var step = 0; step < 200 && !done(); step++)
        {
            time.Advance(Interval);
            await Task.Delay(10);
        }
    }

    /// <summary>A solve that runs until it is told to stop, and says that it was.</summary>
    private sealed class SolveUntilStopped
    {
        public bool Stopped { get; private set; }

        public int Run(IProgress<PlanningProgress> progress, CancellationToken stop)
        {
            stop.WaitHandle.WaitOne();
            Stopped = true;
            return 0;
        }
    }
}
