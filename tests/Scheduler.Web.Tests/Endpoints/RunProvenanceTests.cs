using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>
/// Every run says what made it (<c>provenance</c>), and <c>POST /api/runs</c> with a <c>seed</c>
/// asks for a repeatable run: one thread, seeded, recorded as repeatable.
/// </summary>
public sealed class RunProvenanceTests
{
    private WebHostFixture _host = null!;
    private HttpClient _planner = null!;
    private long _demo;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _host = await WebHostFixture.StartAsync();
        _planner = _host.Client(TokenRole.Planner);
        _demo = await Api.SubmitAsync(_planner, Api.Demo);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _planner.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task Run_WithoutASeed_RecordsWhatMadeItAsNotRepeatable()
    {
        var run = await Api.PlanAsync(_planner, _demo, 2);

        var made = run.GetProperty("provenance");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                (made.GetProperty("engine").GetString(), made.GetProperty("seed").ValueKind, made.GetProperty("timeLimitSeconds").GetDouble(), made.GetProperty("repeatable").GetBoolean()),
                Is.EqualTo(("cp-sat", JsonValueKind.Null, 2.0, false)));
            Assert.That(made.GetProperty("inputFingerprint").GetString(), Does.Match("^[0-9a-f]{64}$"));
            Assert.That(made.GetProperty("orToolsVersion").GetString(), Does.StartWith("9.15."));
        }
    }

    [Test]
    public async Task Run_WithASeed_IsSolvedWithOneThreadAndRecordedAsRepeatable()
    {
        using var response = await _planner.PostAsJsonAsync(new Uri("/api/runs", UriKind.Relative), new { scenarioId = _demo, timeLimitSeconds = 2, seed = 7 });
        var id = (await response.JsonAsync()).GetProperty("id").GetInt64();

        var made = (await Api.WaitForRunAsync(_planner, id, TimeSpan.FromSeconds(60))).GetProperty("provenance");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(
                (made.GetProperty("seed").GetInt32(), made.GetProperty("threads").GetInt32(), made.GetProperty("repeatable").GetBoolean()),
                Is.EqualTo((7, 1, true)));
        }
    }

    [Test]
    public async Task Run_NegativeSeed_Is422AtTheSeed()
    {
        using var response = await _planner.PostAsJsonAsync(new Uri("/api/runs", UriKind.Relative), new { scenarioId = _demo, seed = -1 });

        Assert.That(
            await response.ProblemAsync(),
            Is.EqualTo(Api.Invalid("The run cannot be planned: $.seed: must be a whole number from 0 to 2147483647", ("$.seed", "must be a whole number from 0 to 2147483647"))));
    }
}
