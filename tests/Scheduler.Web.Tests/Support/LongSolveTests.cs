using Scheduler.Storage;

namespace Scheduler.Web.Tests.Support;

/// <summary>
/// Tests on one host holding the demo and a slate that CP-SAT does not finish within a minute
/// (<see cref="CommandLine.GenerateLongSolveAsync"/>), stored by a planner: for runs to follow,
/// cancel and stop while they solve.
/// </summary>
public abstract class LongSolveTests
{
    private string _directory = "";

    private protected WebHostFixture Host { get; private set; } = null!;

    private protected HttpClient Planner { get; private set; } = null!;

    private protected HttpClient Viewer { get; private set; } = null!;

    private protected long Demo { get; private set; }

    private protected long LongSolve { get; private set; }

    [OneTimeSetUp]
    public async Task StartHostWithTheSlates()
    {
        _directory = Directory.CreateTempSubdirectory("scheduler-web-long-").FullName;
        var longSolve = Path.Combine(_directory, "contended-150x8.json");
        await CommandLine.GenerateLongSolveAsync(longSolve);
        Host = await WebHostFixture.StartAsync();
        Planner = Host.Client(TokenRole.Planner);
        Viewer = Host.Client(TokenRole.Viewer);
        Demo = await Api.SubmitAsync(Planner, Api.Demo);
        LongSolve = await Api.SubmitAsync(Planner, longSolve);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        Planner.Dispose();
        Viewer.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
