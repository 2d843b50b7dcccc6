using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class CbcSolverWriteTests
{
    private readonly CbcSolver _solver = new();
    private DirectoryInfo _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("cbc-write-tests-");

    [TearDown]
    public void DeleteDirectory() => _directory.Delete(recursive: true);

    [Test]
    public void WriteMps_Knapsack_WritesPlainTextAtExactlyThePathWithTheNames()
    {
        var path = Path.Combine(_directory.FullName, "knapsack.mps");

        _solver.WriteMps(CbcTestModels.KnapsackOfThree(), path);

        var text = File.ReadAllText(path);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_directory.GetFiles().Select(f => f.Name), Is.EqualTo(new[] { "knapsack.mps" }));
            Assert.That(text, Does.StartWith("NAME"));
            Assert.That(text, Does.Contain("take_a").And.Contain("take_b").And.Contain("take_c"));
            Assert.That(text, Does.Contain("capacity"));
            Assert.That(text, Does.Contain("ENDATA"));

            // Maximising 60 a is written as minimising -60 a.
            Assert.That(text, Does.Match(@"take_a\s+OBJROW\s+-60\."));
        }
    }

    [Test]
    public void WriteLp_Knapsack_WritesAtExactlyThePathWithTheNames()
    {
        var path = Path.Combine(_directory.FullName, "knapsack.lp");

        _solver.WriteLp(CbcTestModels.KnapsackOfThree(), path);

        var text = File.ReadAllText(path);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_directory.GetFiles().Select(f => f.Name), Is.EqualTo(new[] { "knapsack.lp" }));
            Assert.That(text, Does.Contain("Minimize"));
            Assert.That(text, Does.Contain("-60 take_a -100 take_b -120 take_c"));
            Assert.That(text, Does.Contain("capacity:"));
            Assert.That(text, Does.Contain("Integers"));
        }
    }

    [Test]
    public void WriteLp_DirectoryNameContainingDotLp_StillWritesThere()
    {
        // Cbc_writeLp alone would cut this path at "runs.lp" and write "runs.lp" next to it.
        var directory = _directory.CreateSubdirectory("runs.lpx");
        var path = Path.Combine(directory.FullName, "model.txt");

        _solver.WriteLp(CbcTestModels.KnapsackOfThree(), path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.Exists(path), Is.True);
            Assert.That(_directory.GetFiles(), Is.Empty);
        }
    }

    [Test]
    public void WriteMps_ExistingFile_IsReplaced()
    {
        var path = Path.Combine(_directory.FullName, "model.mps");
        File.WriteAllText(path, "stale");

        _solver.WriteMps(CbcTestModels.KnapsackOfThree(), path);

        Assert.That(File.ReadAllText(path), Does.Contain("take_c"));
    }

    [Test]
    public void WriteMps_DuplicateColumnNames_Throws()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 1, 1);
        model.AddColumn("x", 0, 1, 1);

        Assert.Throws<InvalidOperationException>(() =>
            _solver.WriteMps(model, Path.Combine(_directory.FullName, "dup.mps")));
    }

    [Test]
    public void WriteLp_MissingDirectory_ThrowsDirectoryNotFound()
    {
        var path = Path.Combine(_directory.FullName, "absent", "model.lp");

        Assert.Throws<DirectoryNotFoundException>(() => _solver.WriteLp(CbcTestModels.KnapsackOfThree(), path));
    }
}
