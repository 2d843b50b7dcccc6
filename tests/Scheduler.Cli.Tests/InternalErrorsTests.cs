namespace Scheduler.Cli.Tests;

[NonParallelizable]
public class InternalErrorsTests
{
    private string _state = "";
    private string? _previous;

    [SetUp]
    public void PointStateHomeAtATemporaryFolder()
    {
        _state = Directory.CreateTempSubdirectory("scheduler-state-").FullName;
        _previous = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", _state);
    }

    [TearDown]
    public void RestoreStateHome()
    {
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", _previous);
        Directory.Delete(_state, recursive: true);
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("The candidate table is inconsistent\nsecond line");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    [Test]
    public async Task ReportAsync_WithoutVerbose_SaysOneSentenceAndWhereTheTraceIs()
    {
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, TimeProvider.System);

        var exit = await InternalErrors.ReportAsync(context, Thrown(), ["plan", "x.json"], verbose: false);

        var log = Directory.GetFiles(Path.Combine(_state, "scheduler", "errors")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.InternalError));
            Assert.That(error.ToString().ReplaceLineEndings("\n"), Is.EqualTo(
                $"Internal error: The candidate table is inconsistent. This is a fault in Scheduler, not in your input; the details are in {log}.\n" +
                "Run the command again with --verbose to see the details here.\n"));
            Assert.That(File.ReadAllText(log), Does.Contain("scheduler plan x.json").And.Contain("   at ").And.Contain(nameof(Thrown)));
        });
    }

    [Test]
    public async Task ReportAsync_Verbose_PrintsTheTraceToo()
    {
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, TimeProvider.System);

        await InternalErrors.ReportAsync(context, Thrown(), ["plan"], verbose: true);

        Assert.That(error.ToString(), Does.Contain("   at ").And.Contain(nameof(Thrown)).And.Not.Contain("--verbose"));
    }
}
