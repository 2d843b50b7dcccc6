using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>A move checked, then pinned and re-planned by <c>POST /api/runs/{id}/replan</c>, as a planner would.</summary>
public sealed class RunReplanEndpointsTests : DemoRunTests
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await Client(TokenRole.Planner).PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.JsonAsync());
    }

    /// <summary>The first Friday, other than its own, to which the check says the title may move, and what it would cost.</summary>
    private async Task<(string Date, double Change)> FreeFridayAsync(string title, string current)
    {
        for (var day = new DateOnly(2027, 3, 5); day <= new DateOnly(2027, 5, 28); day = day.AddDays(7))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (date == current)
            {
                continue;
            }

            var (status, body) = await PostAsync($"/api/runs/{DoneId}/check", new { moves = new[] { new { title, date } } });
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            if (body.GetProperty("feasible").GetBoolean())
            {
                return (date, body.GetProperty("objectiveChange").GetDouble());
            }
        }

        Assert.Fail($"no Friday is free for {title}");
        return default;
    }

    [Test]
    public async Task Replan_WithACheckedMovePinned_ReleasesItThereAndChargesTheOtherMoves()
    {
        var release = Done.GetProperty("plan").GetProperty("releases").EnumerateArray().First(r => r.GetProperty("title").GetString() == "kitchen-wars");
        var (date, change) = await FreeFridayAsync("kitchen-wars", release.GetProperty("date").GetString()!);

        var (status, queued) = await PostAsync($"/api/runs/{DoneId}/replan", new { pins = new[] { new { title = "kitchen-wars", date } }, timeLimitSeconds = 2 });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), queued.ToString());
        var run = await Api.WaitForRunAsync(Client(TokenRole.Planner), queued.GetProperty("id").GetInt64(), TimeSpan.FromSeconds(60));

        var plan = run.GetProperty("plan");
        var releases = plan.GetProperty("releases").EnumerateArray().ToList();
        var kitchen = releases.Where(r => r.GetProperty("title").GetString() == "kitchen-wars").Select(r => r.GetProperty("date").GetString()).Distinct();
        var before = Done.GetProperty("plan").GetProperty("releases").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("title").GetString(), r.GetProperty("region").GetString()), r => r.GetProperty("date").GetString());
        var moved = releases.Count(r => before[(r.GetProperty("title").GetString(), r.GetProperty("region").GetString())] != r.GetProperty("date").GetString());
        var kpis = plan.GetProperty("kpis");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("done"), run.ToString());
            Assert.That(run.GetProperty("replanOf").GetInt64(), Is.EqualTo(DoneId));
            Assert.That(Api.Normalized(run.GetProperty("pins")), Is.EqualTo(Api.Normalized($$"""[{"title":"kitchen-wars","region":null,"date":"{{date}}","mode":null}]""")));
            Assert.That(kitchen, Is.EqualTo(new[] { date }), "the pinned release is where the planner put it");
            Assert.That(kpis.GetProperty("moveCost").GetDouble(), Is.EqualTo(0.2 * moved).Within(1e-9), "every release moved, the pinned ones too, is charged the demo's moveCost of 0.2");
            Assert.That(
                kpis.GetProperty("objective").GetDouble() + kpis.GetProperty("moveCost").GetDouble(),
                Is.GreaterThanOrEqualTo(Done.GetProperty("plan").GetProperty("kpis").GetProperty("objective").GetDouble() + change - 1e-6),
                "the re-plan is at least as good as the checked move alone");
        }
    }

    [Test]
    public async Task Replan_NewTitleWithAFitsFirstOption_StoresAVersionHoldingItAndReleasesItThere()
    {
        var title = new { id = "midnight-special", name = "Midnight Special", genres = new[] { "drama" }, demand = 60 };
        var (fitStatus, fit) = await PostAsync($"/api/runs/{DoneId}/fit", new { title, top = 1 });
        Assert.That(fitStatus, Is.EqualTo(HttpStatusCode.OK), fit.ToString());
        var option = fit.GetProperty("options")[0];
        var pins = option.GetProperty("dates").EnumerateObject()
            .Select(d => new { title = "midnight-special", region = d.Name, date = d.Value.GetString(), mode = option.GetProperty("mode").GetString() })
            .ToArray();

        var (status, queued) = await PostAsync($"/api/runs/{DoneId}/replan", new { pins, title, timeLimitSeconds = 2 });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), queued.ToString());
        var run = await Api.WaitForRunAsync(Client(TokenRole.Planner), queued.GetProperty("id").GetInt64(), TimeSpan.FromSeconds(60));

        var released = run.GetProperty("plan").GetProperty("releases").EnumerateArray()
            .Where(r => r.GetProperty("title").GetString() == "midnight-special")
            .ToDictionary(r => r.GetProperty("region").GetString()!, r => r.GetProperty("date").GetString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("done"), run.ToString());
            Assert.That(run.GetProperty("scenarioId").GetInt64(), Is.Not.EqualTo(Done.GetProperty("scenarioId").GetInt64()), "the title is in a new version");
            Assert.That(released, Is.EquivalentTo(pins.ToDictionary(p => p.region, p => p.date)));
        }
    }

    [Test]
    public async Task Replan_InvalidTitle_Is422AtItsPathAndStoresNothing()
    {
        using var before = await Client(TokenRole.Planner).GetAsync(new Uri("/api/scenarios", UriKind.Relative));
        var stored = (await before.JsonAsync()).GetArrayLength();

        var (status, body) = await PostAsync($"/api/runs/{DoneId}/replan", new
        {
            pins = new[] { new { title = "midnight-special", date = "2027-04-16" } },
            title = new { id = "midnight-special", name = "Midnight Special", genres = new[] { "drama" }, demand = -5 },
        });

        using var after = await Client(TokenRole.Planner).GetAsync(new Uri("/api/scenarios", UriKind.Relative));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Invalid(
                "The run cannot be re-planned: $.title.demand: must be at least 0 and at most 1000000000, found the number -5",
                ("$.title.demand", "must be at least 0 and at most 1000000000, found the number -5")))));
            Assert.That((await after.JsonAsync()).GetArrayLength(), Is.EqualTo(stored));
        }
    }

    [Test]
    public async Task Replan_PinsTheScenarioCannotTake_Is422AtTheirPaths()
    {
        var (status, body) = await PostAsync($"/api/runs/{DoneId}/replan", new { pins = new[] { new { title = "nope", date = "2027-04-16" } } });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Invalid(
                "The run cannot be re-planned: $.pins[0].title: the scenario has no title 'nope'",
                ("$.pins[0].title", "the scenario has no title 'nope'")))));
        }
    }

    [Test]
    public async Task Replan_NoPins_Is422()
    {
        var (status, body) = await PostAsync($"/api/runs/{DoneId}/replan", new { timeLimitSeconds = 2 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Invalid(
                "The run cannot be re-planned: $.pins: required: a list of moves, each {\"title\", \"region\", \"date\", \"mode\"}",
                ("$.pins", "required: a list of moves, each {\"title\", \"region\", \"date\", \"mode\"}")))));
        }
    }

    [Test]
    public async Task Replan_UnknownRun_Is404()
    {
        var (status, body) = await PostAsync("/api/runs/999999/replan", new { pins = new[] { new { title = "kitchen-wars", date = "2027-04-16" } } });

        Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Problem(404, "Not found", "There is no run 999999."))), status.ToString());
    }
}
