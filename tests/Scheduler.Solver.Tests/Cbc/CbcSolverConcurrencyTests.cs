using System.Diagnostics;
using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class CbcSolverConcurrencyTests
{
    [Test]
    public void Solve_TwoThreadsAtOnce_BothGetTheirOwnOptimum()
    {
        using var start = new Barrier(2);
        var results = new MipResult[2][];

        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            var solver = new CbcSolver();
            var scale = t + 1;
            start.SignalAndWait();
            results[t] = Enumerable.Range(0, 5)
                .Select(_ => solver.Solve(CbcTestModels.ScaledKnapsackOfThree(scale), new CbcOptions()))
                .ToArray();
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[0].Select(r => r.Objective), Has.All.EqualTo(220).Within(1e-6));
            Assert.That(results[1].Select(r => r.Objective), Has.All.EqualTo(440).Within(1e-6));
            Assert.That(results.SelectMany(r => r).Select(r => r.Status), Has.All.EqualTo(MipStatus.Optimal));
        }
    }

    [Test]
    public void Solve_TwoTimeLimitedSolvesAtOnce_RunOneAfterTheOther()
    {
        var options = new CbcOptions { TimeLimit = TimeSpan.FromSeconds(0.5), Threads = 1 };
        using var safetyNet = new CancellationTokenSource(SafetyNet.Delay);
        using var start = new Barrier(2);
        var results = new MipResult[2];
        var clock = Stopwatch.StartNew();

        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            var (model, _) = CbcTestModels.MarketSplit(rows: 6, seed: 1 + t, planted: false);
            start.SignalAndWait();
            results[t] = new CbcSolver().Solve(model, options, safetyNet.Token);
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        clock.Stop();

        // Overlapping solves would finish in about max(e1, e2); the gate makes it e1 + e2.
        var serialised = results[0].Elapsed + results[1].Elapsed;
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(serialised * 0.95));
    }
}
