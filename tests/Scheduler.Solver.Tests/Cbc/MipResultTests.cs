using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class MipResultTests
{
    [Test]
    public void RelativeGap_Maximising_IsBoundMinusObjectiveOverObjective()
    {
        var result = new MipResult(MipStatus.Feasible, ObjectiveSense.Maximize, 200, 210, [1.0], TimeSpan.Zero);

        Assert.That(result.RelativeGap, Is.EqualTo(0.05).Within(1e-12));
    }

    [Test]
    public void RelativeGap_Minimising_IsObjectiveMinusBoundOverObjective()
    {
        var result = new MipResult(MipStatus.Feasible, ObjectiveSense.Minimize, 200, 190, [1.0], TimeSpan.Zero);

        Assert.That(result.RelativeGap, Is.EqualTo(0.05).Within(1e-12));
    }

    [Test]
    public void RelativeGap_ObjectiveNearZero_DividesByOne()
    {
        var result = new MipResult(MipStatus.Feasible, ObjectiveSense.Maximize, 0.5, 2, [1.0], TimeSpan.Zero);

        Assert.That(result.RelativeGap, Is.EqualTo(1.5).Within(1e-12));
    }

    [Test]
    public void RelativeGap_IncumbentATouchBeyondBound_IsZero()
    {
        var result = new MipResult(MipStatus.Optimal, ObjectiveSense.Maximize, 100 + 1e-9, 100, [1.0], TimeSpan.Zero);

        Assert.That(result.RelativeGap, Is.Zero);
    }

    [Test]
    public void NoSolution_HidesObjectiveValuesAndGapButKeepsBound()
    {
        var result = new MipResult(MipStatus.NoSolution, ObjectiveSense.Maximize, 1e50, 300, [1.0, 2.0], TimeSpan.Zero);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.HasSolution, Is.False);
            Assert.That(result.Objective, Is.NaN);
            Assert.That(result.ColumnValues, Is.Empty);
            Assert.That(result.RelativeGap, Is.NaN);
            Assert.That(result.BestBound, Is.EqualTo(300));
        }
    }
}
