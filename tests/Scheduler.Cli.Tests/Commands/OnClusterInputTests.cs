using Scheduler.Cli.Tests.Support;

namespace Scheduler.Cli.Tests.Commands;

/// <summary><c>--on-cluster</c> asked of what cannot go to a cluster: refused with a sentence and exit 2, nothing queued.</summary>
public class OnClusterInputTests
{
    [Test]
    public async Task Plan_OnClusterWithAnSqliteDatabase_IsRefusedNamingTheFile()
    {
        var result = await CliRun.InProcessAsync("plan", "scenarios/demo.json", "--on-cluster");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(result.Error, Does.StartWith("--on-cluster needs the cluster's PostgreSQL database (--db postgres://...); ").And.EndWith(" is an SQLite file, which only one server uses.\n"));
            Assert.That(result.Output, Is.Empty);
        }
    }

    [TestCase("--no-save")]
    [TestCase("--engine", "greedy")]
    [TestCase("--solver-log")]
    public async Task Plan_OnClusterWithALocalOnlyOption_IsRefused(params string[] option)
    {
        var result = await CliRun.InProcessAsync(["plan", "scenarios/demo.json", "--on-cluster", .. option]);

        Assert.That((result.ExitCode, result.Error), Is.EqualTo((ExitCodes.InvalidInput, "--on-cluster stores the run and solves it with cp-sat on another node: drop --no-save, --engine greedy and --solver-log.\n")));
    }

    [TestCase("scenarios/demo.json", "scenarios/release-formats-2027.json")]
    [TestCase("scenarios/demo.json", "--no-save")]
    public async Task Compare_OnClusterWithTwoFilesOrWithoutSaving_IsRefused(string first, string second)
    {
        var result = await CliRun.InProcessAsync("compare", first, second, "--on-cluster");

        Assert.That(
            (result.ExitCode, result.Error),
            Is.EqualTo((ExitCodes.InvalidInput, "--on-cluster compares the variants of one scenario and stores the runs: give one scenario file, and drop --no-save.\n")));
    }

    [Test]
    public async Task Serve_NoSolveSlotsWithAnSqliteDatabase_IsRefused()
    {
        var result = await CliRun.InProcessAsync("serve", "--solve-slots", "0");

        Assert.That(
            (result.ExitCode, result.Error),
            Is.EqualTo((ExitCodes.InvalidInput, "--solve-slots 0 leaves the solving to other nodes, and only a cluster on PostgreSQL has any: with an SQLite file, use 1 or more.\n")));
    }
}
