using System.Net;
using System.Text;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>Releases of a done run moved by <c>POST /api/runs/{id}/check</c>: the price, the factors and the rules broken.</summary>
public sealed class RunCheckEndpointsTests : DemoRunTests
{
    private List<JsonElement> Releases => [.. Done.GetProperty("plan").GetProperty("releases").EnumerateArray()];

    private async Task<(HttpStatusCode Status, JsonElement Body)> CheckAsync(string body, long? run = null)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client(TokenRole.Viewer).PostAsync(new Uri($"/api/runs/{run ?? DoneId}/check", UriKind.Relative), content);
        return (response.StatusCode, await response.JsonAsync());
    }

    private static string Move(string title, string? region, string date)
        => JsonSerializer.Serialize(new { moves = new[] { new { title, region, date } } });

    [Test]
    public async Task Check_OneRegionOfAStaggeredRelease_GivesThePriceAndTheFactorsBeforeAndAfter()
    {
        var release = Releases.First(r => r.GetProperty("title").GetString() == "starfall-protocol" && r.GetProperty("region").GetString() == "uk");
        var date = DateOnly.Parse(release.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var target = date.AddDays(date.Month >= 5 ? -7 : 7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (status, body) = await CheckAsync(Move("starfall-protocol", "uk", target));

        var moved = body.GetProperty("releases").EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "objectiveChange", "valueChange", "clashCostChange", "feasible", "releases", "violations" }));
            Assert.That(moved.GetProperty("region").GetString(), Is.EqualTo("uk"));
            Assert.That(moved.GetProperty("mode").GetString(), Is.EqualTo("staggered"));
            Assert.That(moved.GetProperty("before").GetProperty("date").GetString(), Is.EqualTo(release.GetProperty("date").GetString()));
            Assert.That(moved.GetProperty("before").GetProperty("value").GetDouble(), Is.EqualTo(release.GetProperty("value").GetDouble()).Within(1e-9));
            Assert.That(moved.GetProperty("after").GetProperty("date").GetString(), Is.EqualTo(target));
            Assert.That(moved.GetProperty("after").GetProperty("factors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "base", "seasonal", "genre", "events", "competition", "timing", "drops" }));
            Assert.That(
                body.GetProperty("valueChange").GetDouble(),
                Is.EqualTo(moved.GetProperty("after").GetProperty("value").GetDouble() - moved.GetProperty("before").GetProperty("value").GetDouble()).Within(1e-9));
            Assert.That(
                body.GetProperty("objectiveChange").GetDouble(),
                Is.EqualTo(body.GetProperty("valueChange").GetDouble() - body.GetProperty("clashCostChange").GetDouble()).Within(1e-9));
            Assert.That(body.GetProperty("feasible").GetBoolean(), Is.EqualTo(body.GetProperty("violations").GetArrayLength() == 0));
        }
    }

    [Test]
    public async Task Check_GlobalReleaseOntoASaturday_BreaksTheReleaseDayRuleInEveryRegion()
    {
        var (status, body) = await CheckAsync(Move("ember-road", "us", "2027-04-17"));

        var violations = body.GetProperty("violations").EnumerateArray().Where(v => v.GetProperty("rule").GetString() == "days").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("feasible").GetBoolean(), Is.False);
            Assert.That(body.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("region").GetString()), Is.EquivalentTo(new[] { "us", "uk", "br" }));
            Assert.That(violations.Select(v => v.GetProperty("label").GetString()).Distinct(), Is.EqualTo(new[] { "rule 3" }));
            Assert.That(violations[0].GetProperty("message").GetString(), Does.EndWith("on 2027-04-17, a Saturday, not a release day there"));
            Assert.That(violations.Select(v => v.GetProperty("regions")[0].GetString()), Is.EquivalentTo(new[] { "us", "uk", "br" }));
        }
    }

    [Test]
    public async Task Check_OntoAFullDay_NamesTheReleasesInTheWay()
    {
        // perDay is 2 in the demo: a region and date where the plan already releases two titles.
        var full = Releases.GroupBy(r => (Region: r.GetProperty("region").GetString()!, Date: r.GetProperty("date").GetString()!)).First(g => g.Count() == 2);
        var there = full.Select(r => r.GetProperty("title").GetString()!).ToList();
        var mover = Releases.Select(r => r.GetProperty("title").GetString()!).First(t => !there.Contains(t) && t != "ember-road");

        var (status, body) = await CheckAsync(Move(mover, full.Key.Region, full.Key.Date));

        var capacity = body.GetProperty("violations").EnumerateArray().Where(v => v.GetProperty("rule").GetString() == "capacity").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(capacity, Has.Count.GreaterThanOrEqualTo(1), body.ToString());
            var inRegion = capacity.First(v => v.GetProperty("regions")[0].GetString() == full.Key.Region);
            Assert.That(inRegion.GetProperty("titles").EnumerateArray().Select(t => t.GetString()), Is.SupersetOf(there.Append(mover)));
            Assert.That(inRegion.GetProperty("dates").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { full.Key.Date }));
            Assert.That(inRegion.GetProperty("name").GetString(), Is.EqualTo("at most perDay releases in a region on a date"));
        }
    }

    [Test]
    public async Task Check_MalformedBody_Is422NamingEachField()
    {
        var (status, body) = await CheckAsync("""{ "moves": [{ "title": "ember-road", "date": "2027-13-01", "when": 1 }, 3], "extra": true }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Invalid(
                "The moves cannot be checked: $.extra: unknown field; the fields are moves",
                ("$.extra", "unknown field; the fields are moves"),
                ("$.moves[0].when", "unknown field; the fields are title, region, date, mode"),
                ("$.moves[0].date", "must be a date written yyyy-MM-dd, not \"2027-13-01\""),
                ("$.moves[1]", "must be an object {\"title\", \"region\", \"date\", \"mode\"}")))));
        }
    }

    [Test]
    public async Task Check_MoveTheScenarioCannotTake_Is422AtItsPath()
    {
        var (status, body) = await CheckAsync(Move("ember-road", "fr", "2027-09-03"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Invalid(
                "The moves cannot be checked: $.moves[0].region: 'ember-road' is not released in 'fr' (its regions: us, uk, br)",
                ("$.moves[0].region", "'ember-road' is not released in 'fr' (its regions: us, uk, br)"),
                ("$.moves[0].date", "2027-09-03 is outside the horizon, 2027-03-01 to 2027-05-31")))));
        }
    }

    [Test]
    public async Task Check_UnknownRun_Is404()
    {
        var (status, body) = await CheckAsync(Move("ember-road", null, "2027-04-16"), run: 999_999);

        Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Problem(404, "Not found", "There is no run 999999."))), status.ToString());
    }
}
