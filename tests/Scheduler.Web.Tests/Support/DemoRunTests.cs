using System.Text.Json;
using Scheduler.Storage;

namespace Scheduler.Web.Tests.Support;

/// <summary>Tests of what can be asked of a done run: a host of their own, the demo stored and planned once, a client per role.</summary>
public abstract class DemoRunTests
{
    private readonly Dictionary<TokenRole, HttpClient> _clients = [];

    private protected WebHostFixture Host { get; private set; } = null!;

    /// <summary>The demo's run, as <c>GET /api/runs/{id}</c> gave it when done.</summary>
    private protected JsonElement Done { get; private set; }

    private protected long DoneId => Done.GetProperty("id").GetInt64();

    [OneTimeSetUp]
    public async Task StartHostAndPlanTheDemo()
    {
        Host = await WebHostFixture.StartAsync();
        var planner = Client(TokenRole.Planner);
        Done = await Api.PlanAsync(planner, await Api.SubmitAsync(planner, Api.Demo), 2);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }

    private protected HttpClient Client(TokenRole role)
    {
        if (!_clients.TryGetValue(role, out var client))
        {
            client = _clients[role] = Host.Client(role);
        }

        return client;
    }
}
