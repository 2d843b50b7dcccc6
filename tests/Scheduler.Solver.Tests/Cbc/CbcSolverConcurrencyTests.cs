using System.Diagnostics;
using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class CbcSolverConcurrencyTests
{
    [Test]
    public void Solve_TwoThreadsAtOnce_BothGetTheirOwnOptimum()
    {
        // Without the gate, a few of these solves come back empty or wrong (and CBC starts
        // printing despite log level 0): the driver's static state is shared.
        var results = Concurrently.Run(2, thread =>
        {
            var solver = new CbcSolver();
            var scale = thread + 1;
            return Enumerable.Range(0, 20)
                .Select(_ => solver.Solve(CbcTestModels.ScaledKnapsackOfThree(scale), new CbcOptions()))
                .ToArray();
        });

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
        var models = new[] { 1, 2 }.Select(seed => CbcTestModels.MarketSplit(rows: 6, seed, planted: false).Model).ToArray();
        using var safetyNet = new CancellationTokenSource(SafetyNet.Delay);
        var clock = Stopwatch.StartNew();

        var results = Concurrently.Run(2, thread => new CbcSolver().Solve(models[thread], options, safetyNet.Token));

        // Overlapping solves would finish in about max(e1, e2); the gate makes it e1 + e2.
        clock.Stop();
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo((results[0].Elapsed + results[1].Elapsed) * 0.95));
    }
}
