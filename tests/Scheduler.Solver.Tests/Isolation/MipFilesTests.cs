using Scheduler.Solver.Cbc;
using Scheduler.Solver.Isolation;

namespace Scheduler.Solver.Tests.Isolation;

public class MipFilesTests
{
    [Test]
    public void ReadModel_AfterWriteModel_SolvesToTheSameOptimum()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        var x = model.AddColumn("x", 0, 1, 60, isInteger: true);
        var y = model.AddColumn("y", 0, 1, 100, isInteger: true);
        var z = model.AddColumn("z", 0, 1, 120, isInteger: true);
        model.AddRow("weight", double.NegativeInfinity, 50, [x, y, z], [10, 20, 30]);
        var options = new CbcOptions { TimeLimit = TimeSpan.FromSeconds(7), RelativeGap = 0.01, Threads = 1, MipStart = [1, 1, 0] };

        using var stream = new MemoryStream();
        MipFiles.WriteModel(stream, model, options);
        stream.Position = 0;
        var (read, readOptions) = MipFiles.ReadModel(stream);

        Assert.Multiple(() =>
        {
            Assert.That(read.ColumnCount, Is.EqualTo(3));
            Assert.That(read.GetRowName(0), Is.EqualTo("weight"));
            Assert.That(readOptions.TimeLimit, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(readOptions.MipStart, Is.EqualTo(new[] { 1.0, 1.0, 0.0 }));
            Assert.That(new CbcSolver().Solve(read, readOptions).Objective, Is.EqualTo(220).Within(1e-9));
        });
    }

    [Test]
    public void ReadResult_AfterWriteResult_KeepsStatusBoundAndValues()
    {
        var result = new MipResult(MipStatus.Feasible, ObjectiveSense.Maximize, 10, 12, [1, 0, 1], TimeSpan.FromSeconds(3));

        using var stream = new MemoryStream();
        MipFiles.WriteResult(stream, result, ObjectiveSense.Maximize);
        stream.Position = 0;
        var read = MipFiles.ReadResult(stream);

        Assert.Multiple(() =>
        {
            Assert.That(read.Status, Is.EqualTo(MipStatus.Feasible));
            Assert.That(read.Objective, Is.EqualTo(10));
            Assert.That(read.BestBound, Is.EqualTo(12));
            Assert.That(read.ColumnValues, Is.EqualTo(new[] { 1.0, 0.0, 1.0 }));
            Assert.That(read.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(3)));
        });
    }

    [Test]
    public void ReadModel_ForeignFile_IsRefused()
    {
        using var stream = new MemoryStream("not a model"u8.ToArray());

        Assert.Throws<InvalidDataException>(() => MipFiles.ReadModel(stream));
    }
}
