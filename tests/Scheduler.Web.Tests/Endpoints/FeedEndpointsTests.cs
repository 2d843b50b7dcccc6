using System.Net;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;
using ICalendar = Ical.Net.Calendar;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>The plan of record's iCalendar feeds: a feed token's key in the URL, API tokens refused on feeds and feed tokens on the API.</summary>
public class FeedEndpointsTests
{
    private WebHostFixture _host = null!;
    private JsonElement _run;

    [OneTimeSetUp]
    public async Task PlanTheDemoAndAdoptIt()
    {
        _host = await WebHostFixture.StartAsync();
        using var planner = _host.Client(TokenRole.Planner);
        using var admin = _host.Client(TokenRole.Admin);
        _run = await Api.PlanAsync(planner, await Api.SubmitAsync(planner, Api.Demo), 2);
        using var adopted = await admin.PostAsync(new Uri($"/api/runs/{_run.GetProperty("id").GetInt64()}/adopt", UriKind.Relative), null);
        Assert.That(adopted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var client = _host.Client(null);
        return await client.GetAsync(new Uri(path, UriKind.Relative));
    }

    private string FeedKey => Uri.EscapeDataString(_host.Tokens[TokenRole.Feed]);

    [Test]
    public async Task RegionFeed_WithTheFeedKey_HoldsEachOfTheRegionsReleases()
    {
        using var response = await GetAsync($"/api/calendar/uk.ics?key={FeedKey}");

        var calendar = ICalendar.Load(await response.Content.ReadAsStringAsync())!;
        var releases = _run.GetProperty("plan").GetProperty("releases").EnumerateArray().Where(r => r.GetProperty("region").GetString() == "uk").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/calendar"));
            Assert.That(calendar.Events.Select(e => e.Uid), Is.EquivalentTo(releases.Select(r => $"{r.GetProperty("title").GetString()}.uk.0@scheduler")));
            Assert.That(
                calendar.Events.Select(e => e.Start!.AsUtc).Order(),
                Is.EqualTo(releases.Select(r => r.GetProperty("publishAt").GetDateTime().ToUniversalTime()).Order()));
            Assert.That(calendar.TimeZones.Select(z => z.TzId), Is.EqualTo(new[] { "Europe/London" }));
        }
    }

    [Test]
    public async Task AllRegionsFeed_WithTheFeedKey_HoldsEveryRelease()
    {
        using var response = await GetAsync($"/api/calendar.ics?key={FeedKey}");

        var calendar = ICalendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.That(calendar.Events, Has.Count.EqualTo(_run.GetProperty("plan").GetProperty("releases").GetArrayLength()));
    }

    [Test]
    public async Task Feed_WithoutAKey_Is401SayingHowToSubscribe()
    {
        using var response = await GetAsync("/api/calendar/uk.ics");

        Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(401, "Sign in with a feed key",
            "A calendar feed's URL carries its key: add ?key=SECRET, the secret of a token made by 'scheduler token add NAME --role feed'.")));
    }

    [Test]
    public async Task Feed_WithAnApiTokensSecret_Is403()
    {
        using var response = await GetAsync($"/api/calendar/uk.ics?key={Uri.EscapeDataString(_host.Tokens[TokenRole.Viewer])}");

        Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(403, "Not allowed for this role",
            "Token 'vera-viewer' has role viewer; feeds take only feed tokens, whose secret may stand in a URL because they read nothing else.")));
    }

    [Test]
    public async Task Feed_WithABearerHeaderAndNoKey_Is401()
    {
        using var viewer = _host.Client(TokenRole.Viewer);

        using var response = await viewer.GetAsync(new Uri("/api/calendar/uk.ics", UriKind.Relative));

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task Api_WithAFeedToken_Is403()
    {
        using var feed = _host.Client(TokenRole.Feed);

        using var response = await feed.GetAsync(new Uri("/api/runs", UriKind.Relative));

        Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(403, "Not allowed for this role", "Token 'fay-feed' has role feed, which may not do this.")));
    }

    [Test]
    public async Task Feed_UnknownRegion_Is404NamingTheRegions()
    {
        using var response = await GetAsync($"/api/calendar/fr.ics?key={FeedKey}");

        Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found",
            "The plan of record's scenario has no region 'fr'; its regions are us, uk, br.")));
    }

    [Test]
    public async Task Feed_RevokedKey_Is401()
    {
        string secret;
        await using (var database = await _host.OpenAsync())
        {
            secret = await database.Tokens.AddAsync("new-feed", TokenRole.Feed, "test");
            await database.Tokens.RevokeAsync("new-feed", "test");
        }

        using var response = await GetAsync($"/api/calendar/uk.ics?key={Uri.EscapeDataString(secret)}");

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
    }
}
