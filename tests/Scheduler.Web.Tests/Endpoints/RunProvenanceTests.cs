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
public sealed class RunProvenanceTests : OneHostTests
{
    private long _demo;

    protected override TokenRole? Role => TokenRole.Planner;

    [OneTimeSetUp]
    public async Task SubmitTheDemo() => _demo = await Api.SubmitAsync(Caller, Api.Demo);

    [Test]
    public async Task Run_WithoutASeed_RecordsWhatMadeItAsNotRepeatable()
    {
        var run = await Api.PlanAsync(Caller, _demo, 2);

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
        using var response = await Caller.PostAsJsonAsync(new Uri("/api/runs", UriKind.Relative), new { scenarioId = _demo, timeLimitSeconds = 2, seed = 7 });
        var id = (await response.JsonAsync()).GetProperty("id").GetInt64();

        var made = (await Api.WaitForRunAsync(Caller, id, TimeSpan.FromSeconds(60))).GetProperty("provenance");

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
        using var response = await Caller.PostAsJsonAsync(new Uri("/api/runs", UriKind.Relative), new { scenarioId = _demo, seed = -1 });

        Assert.That(
            await response.ProblemAsync(),
            Is.EqualTo(Api.Invalid("The run cannot be planned: $.seed: must be a whole number from 0 to 2147483647", ("$.seed", "must be a whole number from 0 to 2147483647"))));
    }
}
