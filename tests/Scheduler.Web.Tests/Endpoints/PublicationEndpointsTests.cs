using System.Globalization;
using System.Net;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

public class PublicationEndpointsTests
{
    private WebHostFixture _host = null!;
    private HttpClient _viewer = null!;
    private JsonElement _run;
    private HttpStatusCode _adoptStatus;
    private JsonElement _adopted;

    [OneTimeSetUp]
    public async Task PlanTheDemoAndAdoptIt()
    {
        _host = await WebHostFixture.StartAsync();
        _viewer = _host.Client(TokenRole.Viewer);
        using var planner = _host.Client(TokenRole.Planner);
        using var admin = _host.Client(TokenRole.Admin);
        _run = await Api.PlanAsync(planner, await Api.SubmitAsync(planner, Api.Demo), 2);
        using var response = await admin.PostAsync(new Uri($"/api/runs/{RunId}/adopt", UriKind.Relative), null);
        _adoptStatus = response.StatusCode;
        _adopted = await response.JsonAsync();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _viewer.Dispose();
        await _host.DisposeAsync();
    }

    private long RunId => _run.GetProperty("id").GetInt64();

    [Test]
    public void Adopt_DoneRun_Is200WithTheMessageOfAdopt()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_adoptStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Api.Normalized(_adopted), Is.EqualTo(Api.Normalized($$"""{ "id": {{RunId}}, "adopted": true, "message": "Run {{RunId}} is now the plan of record." }""")));
        }
    }

    [Test]
    public async Task PlanOfRecord_AfterAdoption_GivesTheAdoptedRunAndItsPlan()
    {
        using var response = await _viewer.GetAsync(new Uri("/api/plan-of-record", UriKind.Relative));

        var body = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "runId", "scenario", "variant", "plan" }));
            Assert.That(body.GetProperty("runId").GetInt64(), Is.EqualTo(RunId));
            Assert.That(body.GetProperty("scenario").GetString(), Is.EqualTo(Api.DemoName));
            Assert.That(body.GetProperty("variant").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Api.Normalized(body.GetProperty("plan")), Is.EqualTo(Api.Normalized(_run.GetProperty("plan"))));
        }
    }

    [Test]
    public async Task Publications_AfterAdoption_ListEveryReleaseOfTheRun()
    {
        using var response = await _viewer.GetAsync(new Uri("/api/publications", UriKind.Relative));

        var body = await response.JsonAsync();
        var rows = body.GetProperty("releases").EnumerateArray().ToList();
        var releases = _run.GetProperty("plan").GetProperty("releases").EnumerateArray()
            .Select(r => (r.GetProperty("title").GetString(), r.GetProperty("region").GetString(), r.GetProperty("date").GetString()));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("planOfRecord").GetInt64(), Is.EqualTo(RunId));
            Assert.That(
                rows.Where(r => r.GetProperty("drop").GetInt32() == 0).Select(r => (r.GetProperty("title").GetString(), r.GetProperty("region").GetString(), r.GetProperty("date").GetString())),
                Is.EquivalentTo(releases));
            Assert.That(
                rows.Where(r => DateTimeOffset.Parse(r.GetProperty("publishAt").GetString()!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow).Select(r => r.GetProperty("state").GetString()),
                Has.All.EqualTo("upcoming"));
            Assert.That(
                rows[0].EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "title", "region", "drop", "drops", "date", "publishAt", "publishAtLocal", "state", "publishedAt", "latenessSeconds", "node", "error" }));
        }
    }

    [Test]
    public async Task Publications_StateOffsetAndLimit_GiveThatPageAndMistakesAreAProblemNamingEachParameter()
    {
        using var all = await _viewer.GetAsync(new Uri("/api/publications", UriKind.Relative));
        using var page = await _viewer.GetAsync(new Uri("/api/publications?state=upcoming&offset=1&limit=2", UriKind.Relative));
        using var wrong = await _viewer.GetAsync(new Uri("/api/publications?state=soon&offset=x&limit=20000", UriKind.Relative));

        var upcoming = (await all.JsonAsync()).GetProperty("releases").EnumerateArray().Where(r => r.GetProperty("state").GetString() == "upcoming").ToList();
        var body = await page.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Api.Normalized(body.GetProperty("page")), Is.EqualTo(Api.Normalized($$"""{ "state": "upcoming", "offset": 1, "limit": 2, "matching": {{upcoming.Count}} }""")));
            Assert.That(body.GetProperty("releases").EnumerateArray().Select(Api.Normalized), Is.EqualTo(upcoming.Skip(1).Take(2).Select(Api.Normalized)));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await wrong.ProblemAsync(), Is.EqualTo(Api.Invalid(
                "The publications cannot be listed: ?state: 'soon' is not a publication state: use upcoming, published, late or failed",
                ("?state", "'soon' is not a publication state: use upcoming, published, late or failed"),
                ("?offset", "'x' is not a whole number"),
                ("?limit", "must be from 0 to 10000"))));
        }
    }

    [Test]
    public async Task Publications_AsStatusJson_AreWhatTheStatusCommandPrints()
    {
        var (_, output, error) = await CommandLine.RunAsync("status", "--db", _host.Database.FilePath!, "--json");

        using var response = await _viewer.GetAsync(new Uri("/api/publications", UriKind.Relative));

        Assert.That(Api.Normalized(await response.JsonAsync()), Is.EqualTo(Api.Normalized(output)), error);
    }

    [Test]
    public async Task PlanOfRecord_BeforeAnyAdoption_Is404()
    {
        await using var fresh = await WebHostFixture.StartAsync();
        using var viewer = fresh.Client(TokenRole.Viewer);

        using var response = await viewer.GetAsync(new Uri("/api/plan-of-record", UriKind.Relative));
        using var publications = await viewer.GetAsync(new Uri("/api/publications", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no plan of record yet: adopt a run first.")));
            Assert.That(publications.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Api.Normalized(await publications.JsonAsync()), Is.EqualTo(Api.Normalized("""
                { "planOfRecord": null, "counts": { "upcoming": 0, "published": 0, "late": 0, "failed": 0, "total": 0 },
                  "page": { "state": null, "offset": 0, "limit": 1000, "matching": 0 }, "triggers": null, "releases": [] }
                """)));
        }
    }
}
