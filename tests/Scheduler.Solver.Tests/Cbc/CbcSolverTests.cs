using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class CbcSolverTests
{
    private static readonly CbcOptions SingleThread = new() { Threads = 1 };

    private readonly CbcSolver _solver = new();

    [Test]
    public void Solve_KnapsackOfThree_FindsKnownOptimum()
    {
        var result = _solver.Solve(CbcTestModels.KnapsackOfThree(), new CbcOptions());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(MipStatus.Optimal));
            Assert.That(result.Objective, Is.EqualTo(220).Within(1e-6));
            Assert.That(result.ColumnValues, Is.EqualTo(new[] { 0.0, 1.0, 1.0 }).Within(1e-6));
        }
    }

    [Test]
    public void Solve_KnapsackAsMinimisationOfNegatedValues_FindsMirroredOptimum()
    {
        var model = new MipModel(ObjectiveSense.Minimize);
        model.AddColumn("take_a", 0, 1, -60, isInteger: true);
        model.AddColumn("take_b", 0, 1, -100, isInteger: true);
        model.AddColumn("take_c", 0, 1, -120, isInteger: true);
        model.AddRow("capacity", double.NegativeInfinity, 50, [0, 1, 2], [10, 20, 30]);

        var result = _solver.Solve(model, SingleThread);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(MipStatus.Optimal));
            Assert.That(result.Objective, Is.EqualTo(-220).Within(1e-6));
            Assert.That(result.BestBound, Is.EqualTo(-220).Within(1e-6));
        }
    }

    [Test]
    public void Solve_InfeasibleModel_ReportsInfeasibleWithoutSolution()
    {
        var result = _solver.Solve(CbcTestModels.Infeasible(), SingleThread);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(MipStatus.Infeasible));
            Assert.That(result.HasSolution, Is.False);
            Assert.That(result.Objective, Is.NaN);
            Assert.That(result.BestBound, Is.NaN);
            Assert.That(result.ColumnValues, Is.Empty);
        }
    }

    [Test]
    public void Solve_IntegerInfeasibleButFractionallyFeasible_ReportsInfeasible()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 1, 1, isInteger: true);
        model.AddRow("half", 1, 1, [0], [2]);

        var result = _solver.Solve(model, SingleThread);

        Assert.That(result.Status, Is.EqualTo(MipStatus.Infeasible));
    }

    [Test]
    public void Solve_UnboundedMip_ReportsUnbounded()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("n", 0, 10, 1, isInteger: true);
        model.AddColumn("y", 0, double.PositiveInfinity, 1);
        model.AddRow("link", double.NegativeInfinity, 5, [0, 1], [1, -1]);

        var result = _solver.Solve(model, SingleThread);

        Assert.That(result.Status, Is.EqualTo(MipStatus.Unbounded));
    }

    [Test]
    public void Solve_PureLp_IsSolvedThroughTheMipDriver()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 10, 1);
        model.AddColumn("y", 0, 10, 2);
        model.AddRow("sum", double.NegativeInfinity, 12, [0, 1], [1, 1]);

        var result = _solver.Solve(model, SingleThread);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(MipStatus.Optimal));
            Assert.That(result.Objective, Is.EqualTo(22).Within(1e-6));
            Assert.That(result.ColumnValues, Is.EqualTo(new[] { 2.0, 10.0 }).Within(1e-6));
            Assert.That(result.BestBound, Is.EqualTo(22).Within(1e-6));
        }
    }

    [Test]
    public void Solve_UnboundedLp_ReportsUnboundedRatherThanInfeasible()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 10, 1);
        model.AddColumn("y", 0, double.PositiveInfinity, 1);
        model.AddRow("diff", double.NegativeInfinity, 5, [0, 1], [1, -1]);

        var result = _solver.Solve(model, SingleThread);

        Assert.That(result.Status, Is.EqualTo(MipStatus.Unbounded));
    }

    [Test]
    public void Solve_ModelWithoutRows_TakesEachColumnAtItsBestBound()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("a", 0, 3, 2, isInteger: true);
        model.AddColumn("b", -4, 5, -1, isInteger: true);

        var result = _solver.Solve(model, SingleThread);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(MipStatus.Optimal));
            Assert.That(result.Objective, Is.EqualTo(10).Within(1e-6));
        }
    }

    [Test]
    public void Solve_SolvedToOptimality_ReportsBoundEqualToObjectiveAndZeroGap()
    {
        var result = _solver.Solve(CbcTestModels.MultiKnapsack(), SingleThread with { RelativeGap = 0 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(MipStatus.Optimal));
            Assert.That(result.BestBound, Is.EqualTo(result.Objective).Within(1e-6));
            Assert.That(result.RelativeGap, Is.EqualTo(0).Within(1e-9));
        }
    }

    [Test]
    public void Solve_LooseRelativeGap_StopsEarlyAndReportsBoundAndGap()
    {
        var exact = _solver.Solve(CbcTestModels.MultiKnapsack(), SingleThread with { RelativeGap = 0 });

        var loose = _solver.Solve(CbcTestModels.MultiKnapsack(), SingleThread with { RelativeGap = 0.05 });

        var expectedGap = (loose.BestBound - loose.Objective) / Math.Max(1, Math.Abs(loose.Objective));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(loose.Status, Is.EqualTo(MipStatus.Optimal));
            Assert.That(loose.RelativeGap, Is.EqualTo(expectedGap).Within(1e-12));
            Assert.That(loose.RelativeGap, Is.LessThanOrEqualTo(0.05));

            // A bound strictly above the incumbent proves CBC stopped on "ratioGap", not on optimality.
            Assert.That(loose.BestBound, Is.GreaterThan(loose.Objective + 1e-6));
            Assert.That(loose.BestBound, Is.GreaterThanOrEqualTo(exact.Objective - 1e-6));
            Assert.That(loose.Objective, Is.LessThanOrEqualTo(exact.Objective + 1e-6));
        }
    }

    [Test]
    public void Solve_MultiKnapsack_ReturnsIntegralSolutionWhoseValueIsTheObjective()
    {
        var model = CbcTestModels.MultiKnapsack();
        var objective = model.Objective.ToArray();

        var result = _solver.Solve(model, new CbcOptions());

        var values = result.ColumnValues;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(values, Has.Count.EqualTo(model.ColumnCount));
            Assert.That(values.Select(v => Math.Abs(v - Math.Round(v))), Has.All.LessThan(1e-6));
            Assert.That(result.Objective, Is.EqualTo(values.Select((v, j) => v * objective[j]).Sum()).Within(1e-6));
        }
    }

    [Test]
    public void Solve_MipStartOfWrongLength_Throws()
    {
        var options = new CbcOptions { MipStart = [1, 0] };

        Assert.Throws<ArgumentException>(() => _solver.Solve(CbcTestModels.KnapsackOfThree(), options));
    }
}
