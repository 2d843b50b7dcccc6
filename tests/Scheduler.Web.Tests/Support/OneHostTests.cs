using Scheduler.Storage;

namespace Scheduler.Web.Tests.Support;

/// <summary>A fixture class whose tests share one host and a client as <see cref="Role"/> (anonymous when null).</summary>
public abstract class OneHostTests
{
    private protected WebHostFixture Host { get; private set; } = null!;

    /// <summary>The client the tests call with, sending <see cref="Role"/>'s token.</summary>
    protected HttpClient Caller { get; private set; } = null!;

    protected abstract TokenRole? Role { get; }

    [OneTimeSetUp]
    public async Task StartHost()
    {
        Host = await WebHostFixture.StartAsync();
        Caller = Host.Client(Role);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        Caller.Dispose();
        await Host.DisposeAsync();
    }
}
