using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class CbcSolverMipStartTests
{
    private static readonly CbcOptions HalfSecond = new() { TimeLimit = TimeSpan.FromSeconds(0.5), Threads = 1 };

    private readonly CbcSolver _solver = new();

    [Test]
    public void Solve_WithoutMipStart_FindsNoSolutionToPlantedMarketSplitInTime()
    {
        // The control for the test below: CBC's own search does not stumble on the planted point.
        var (model, _) = CbcTestModels.MarketSplit(rows: 6, seed: 3, planted: true);

        using var safetyNet = new CancellationTokenSource(SafetyNet.Delay);

        var result = _solver.Solve(model, HalfSecond, safetyNet.Token);

        Assert.That(result.Status, Is.EqualTo(MipStatus.NoSolution));
    }

    [Test]
    public void Solve_WithPlantedSolutionAsMipStart_AcceptsIt()
    {
        var (model, planted) = CbcTestModels.MarketSplit(rows: 6, seed: 3, planted: true);
        var objective = model.Objective.ToArray();
        var plantedValue = planted.Select((x, j) => x * objective[j]).Sum();
        using var safetyNet = new CancellationTokenSource(SafetyNet.Delay);

        var result = _solver.Solve(model, HalfSecond with { MipStart = planted }, safetyNet.Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.AnyOf(MipStatus.Feasible, MipStatus.Optimal));
            Assert.That(result.Objective, Is.GreaterThanOrEqualTo(plantedValue - 1e-6));
        }
    }

    [Test]
    public void Solve_MaximisationWithSuboptimalMipStart_StillReachesTheOptimum()
    {
        // CBC 2.10.8 mis-signs a start when told to maximise; the solver must not be misled.
        var model = CbcTestModels.KnapsackOfThree();

        var result = _solver.Solve(model, new CbcOptions { Threads = 1, MipStart = [1, 0, 0] });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(MipStatus.Optimal));
            Assert.That(result.Objective, Is.EqualTo(220).Within(1e-6));
        }
    }
}
