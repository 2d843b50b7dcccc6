using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class CbcInputTests
{
    [Test]
    public void ForSolve_Maximisation_HandsCbcTheNegatedObjectiveToMinimise()
    {
        // Pins the workaround for CBC 2.10.8 mis-signing MIP starts of maximisation models.
        var input = CbcInput.ForSolve(CbcTestModels.KnapsackOfThree());

        Assert.That(input.Objective, Is.EqualTo(new[] { -60.0, -100.0, -120.0 }));
    }

    [Test]
    public void ForSolve_Minimisation_KeepsTheObjective()
    {
        var model = new MipModel(ObjectiveSense.Minimize);
        model.AddColumn("x", 0, 1, 3, isInteger: true);

        Assert.That(CbcInput.ForSolve(model).Objective, Is.EqualTo(new[] { 3.0 }));
    }

    [Test]
    public void ForSolve_NoIntegerColumn_AppendsAFixedGuardColumn()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 10, 1);
        model.AddRow("r", 0, 5, [0], [1]);

        var input = CbcInput.ForSolve(model);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(input.HasGuardColumn, Is.True);
            Assert.That(input.Matrix.ColumnCount, Is.EqualTo(2));
            Assert.That(input.ColumnLower[1], Is.Zero);
            Assert.That(input.ColumnUpper[1], Is.Zero);
            Assert.That(input.Objective[1], Is.Zero);
        }
    }

    [Test]
    public void ForExport_NoIntegerColumn_WritesTheModelAsGiven()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 10, 1);

        var input = CbcInput.ForExport(model);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(input.HasGuardColumn, Is.False);
            Assert.That(input.IncludeNames, Is.True);
            Assert.That(input.Matrix.ColumnCount, Is.EqualTo(1));
        }
    }
}
