using System.Diagnostics;
using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

/// <summary>
/// Time limits and cancellation, on a market split instance CBC cannot settle within seconds.
/// Timing assertions are deliberately loose: an upper bound far above the limit, and lower
/// bounds only where the gate or the limit guarantees them. Solves that rely on a limit also
/// get a safety-net token, so a limit CBC ignores fails the test instead of hanging it.
/// </summary>
[TestFixture]
public sealed class CbcSolverLimitTests
{
    private readonly CbcSolver _solver = new();

    [Test]
    public void Solve_HardModelWithOneSecondLimit_StopsAtTheLimitWithoutProof()
    {
        var (model, _) = CbcTestModels.MarketSplit(rows: 6, seed: 1, planted: false);
        using var safetyNet = new CancellationTokenSource(SafetyNet.Delay);
        var clock = Stopwatch.StartNew();

        var result = _solver.Solve(model, new CbcOptions { TimeLimit = TimeSpan.FromSeconds(1) }, safetyNet.Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.AnyOf(MipStatus.NoSolution, MipStatus.Feasible));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(result.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.8)));
        }
    }

    [Test]
    public void Solve_TimeLimitWhileAnotherThreadBurnsCpu_CountsWallClockNotProcessCpu()
    {
        // CBC's default timeMode counts the whole process's CPU time. With a busy thread beside
        // a single-threaded search, that clock runs about twice as fast as the wall clock, and a
        // one-second limit would end after about half a second. On a machine too loaded to give
        // both threads a core the two clocks agree and the test cannot tell; it then gives up.
        var (model, _) = CbcTestModels.MarketSplit(rows: 6, seed: 1, planted: false);
        using var safetyNet = new CancellationTokenSource(SafetyNet.Delay);
        using var stop = new CancellationTokenSource();
        var burner = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
            }
        });
        burner.Start();

        MipResult result;
        TimeSpan cpu;
        TimeSpan wall;
        using (var process = Process.GetCurrentProcess())
        {
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            try
            {
                result = _solver.Solve(model, new CbcOptions { TimeLimit = TimeSpan.FromSeconds(1), Threads = 1 }, safetyNet.Token);
            }
            finally
            {
                wall = clock.Elapsed;
                process.Refresh();
                cpu = process.TotalProcessorTime - cpuBefore;
                stop.Cancel();
                burner.Join();
            }
        }

        Assume.That(cpu / wall, Is.GreaterThan(1.5), "the process's CPU clock did not outrun the wall clock");
        Assert.That(result.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.9)));
    }

    [Test]
    public void Solve_CancelledDuringSearch_ThrowsLongBeforeTheTimeLimit()
    {
        var (model, _) = CbcTestModels.MarketSplit(rows: 6, seed: 1, planted: false);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.Throws<OperationCanceledException>(() =>
            _solver.Solve(model, new CbcOptions { TimeLimit = TimeSpan.FromSeconds(30) }, cancellation.Token));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Solve_TokenAlreadyCancelled_ThrowsWithoutSolving()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            _solver.Solve(CbcTestModels.KnapsackOfThree(), new CbcOptions(), cancellation.Token));
    }

    [Test]
    public void Solve_CancellableTokenThatNeverFires_LeavesTheOptimumUnchanged()
    {
        var options = new CbcOptions { Threads = 1, RelativeGap = 0 };
        var plain = _solver.Solve(CbcTestModels.MultiKnapsack(), options);
        using var cancellation = new CancellationTokenSource();

        var watched = _solver.Solve(CbcTestModels.MultiKnapsack(), options, cancellation.Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(watched.Status, Is.EqualTo(MipStatus.Optimal));
            Assert.That(watched.Objective, Is.EqualTo(plain.Objective).Within(1e-6));
        }
    }
}
