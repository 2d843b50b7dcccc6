using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class MipModelTests
{
    [Test]
    public void AddColumn_ReturnsConsecutiveIndicesAndCountsIntegers()
    {
        var model = new MipModel(ObjectiveSense.Maximize);

        var first = model.AddColumn("a", 0, 1, 1, isInteger: true);
        var second = model.AddColumn("b", double.NegativeInfinity, double.PositiveInfinity, 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((first, second), Is.EqualTo((0, 1)));
            Assert.That(model.ColumnCount, Is.EqualTo(2));
            Assert.That(model.IntegerColumnCount, Is.EqualTo(1));
            Assert.That(model.GetColumnName(1), Is.EqualTo("b"));
        }
    }

    [TestCase("")]
    [TestCase("1st")]
    [TestCase(".x")]
    [TestCase("has space")]
    [TestCase("x[1]")]
    [TestCase("caf\u00e9")]
    public void AddColumn_NameUnfitForLpFiles_Throws(string name)
    {
        var model = new MipModel(ObjectiveSense.Maximize);

        Assert.Throws<ArgumentException>(() => model.AddColumn(name, 0, 1, 1));
    }

    [Test]
    public void AddColumn_NameOfNinetySevenCharacters_Throws()
    {
        var model = new MipModel(ObjectiveSense.Maximize);

        Assert.Throws<ArgumentException>(() => model.AddColumn(new string('x', 97), 0, 1, 1));
    }

    [TestCase("x_1")]
    [TestCase("_x")]
    [TestCase("assign(r12.w3)")]
    public void AddColumn_IdentifierLikeName_IsAccepted(string name)
    {
        var model = new MipModel(ObjectiveSense.Maximize);

        Assert.DoesNotThrow(() => model.AddColumn(name, 0, 1, 1));
    }

    [TestCase(1.0, 0.0)]
    [TestCase(double.NaN, 1.0)]
    [TestCase(double.PositiveInfinity, double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity, double.NegativeInfinity)]
    public void AddColumn_EmptyInterval_Throws(double lower, double upper)
    {
        var model = new MipModel(ObjectiveSense.Maximize);

        Assert.Throws<ArgumentException>(() => model.AddColumn("x", lower, upper, 1));
    }

    [Test]
    public void AddColumn_InfiniteObjective_Throws()
    {
        var model = new MipModel(ObjectiveSense.Maximize);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.AddColumn("x", 0, 1, double.PositiveInfinity));
    }

    [Test]
    public void AddRow_UnknownColumn_ThrowsAndAddsNothing()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 1, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.AddRow("r", 0, 1, [0, 1], [1, 1]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.RowCount, Is.Zero);
            Assert.That(model.NonZeroCount, Is.Zero);
        }
    }

    [Test]
    public void AddRow_MismatchedLengths_Throws()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 1, 1);

        Assert.Throws<ArgumentException>(() => model.AddRow("r", 0, 1, [0], [1, 2]));
    }

    [Test]
    public void BeginRow_ObjectiveRowName_Throws()
    {
        var model = new MipModel(ObjectiveSense.Maximize);

        Assert.Throws<ArgumentException>(() => model.BeginRow("objrow", 0, 1));
    }

    [Test]
    public void AddTerm_BeforeAnyRow_Throws()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 1, 1);

        Assert.Throws<InvalidOperationException>(() => model.AddTerm(0, 1));
    }

    [Test]
    public void BeginRowAndAddTerm_BuildTheSameRowsAsAddRow()
    {
        var whole = new MipModel(ObjectiveSense.Minimize);
        var piecewise = new MipModel(ObjectiveSense.Minimize);
        foreach (var model in new[] { whole, piecewise })
        {
            model.AddColumn("x", 0, 1, 1);
            model.AddColumn("y", 0, 1, 1);
        }

        whole.AddRow("r0", 0, 1, [1, 0], [2, 3]);
        whole.AddRow("r1", 1, 1, [0], [4]);
        piecewise.BeginRow("r0", 0, 1);
        piecewise.AddTerm(1, 2);
        piecewise.AddTerm(0, 3);
        piecewise.BeginRow("r1", 1, 1);
        piecewise.AddTerm(0, 4);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(piecewise.RowStarts.ToArray(), Is.EqualTo(whole.RowStarts.ToArray()));
            Assert.That(piecewise.TermColumns.ToArray(), Is.EqualTo(whole.TermColumns.ToArray()));
            Assert.That(piecewise.TermCoefficients.ToArray(), Is.EqualTo(whole.TermCoefficients.ToArray()));
            Assert.That(piecewise.GetRowName(1), Is.EqualTo("r1"));
        }
    }
}
