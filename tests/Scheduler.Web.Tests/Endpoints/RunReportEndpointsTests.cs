using System.Net;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;
using Scheduler.Workbooks.Slates;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>A done run read as the HTML calendar (alone or against another run), as CSV, as a workbook, and explained.</summary>
public sealed class RunReportEndpointsTests
{
    private const string CsvHeader = "title,region,date,publishAt,mode,value,drops,dropDates,format";

    private WebHostFixture _host = null!;
    private HttpClient _planner = null!;
    private HttpClient _viewer = null!;
    private long _demo;
    private JsonElement _done;

    [OneTimeSetUp]
    public async Task StartHostAndPlanTheDemo()
    {
        _host = await WebHostFixture.StartAsync();
        _planner = _host.Client(TokenRole.Planner);
        _viewer = _host.Client(TokenRole.Viewer);
        _demo = await Api.SubmitAsync(_planner, Api.Demo);
        _done = await Api.PlanAsync(_planner, _demo, 2);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _planner.Dispose();
        _viewer.Dispose();
        await _host.DisposeAsync();
    }

    private long DoneId => _done.GetProperty("id").GetInt64();

    private static List<JsonElement> Releases(JsonElement plan) => [.. plan.GetProperty("releases").EnumerateArray()];

    [Test]
    public async Task Report_DoneRun_IsTheHtmlCalendarWithEveryTitle()
    {
        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/report", UriKind.Relative));

        var html = await response.Content.ReadAsStringAsync();
        var titles = Releases(_done.GetProperty("plan")).Select(r => r.GetProperty("title").GetString()!).Distinct().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.StartWith("<!DOCTYPE html>").IgnoreCase);
            Assert.That(html, Does.Contain($"{Api.DemoName}, run {DoneId}"));
            Assert.That(titles, Has.Count.EqualTo(8));
            foreach (var title in titles)
            {
                Assert.That(html, Does.Contain(title));
            }
        }
    }

    [Test]
    public async Task Report_AgainstAnotherRun_DrawsTheComparison()
    {
        var variant = await Api.PlanAsync(_planner, _demo, 2, "starfall-slips");

        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{variant.GetProperty("id").GetInt64()}/report?against={DoneId}", UriKind.Relative));

        var html = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain($"Run {variant.GetProperty("id").GetInt64()} against run {DoneId}"));
        }
    }

    [Test]
    public async Task Report_AgainstARunOfAnotherScenario_SaysTheScenariosDiffer()
    {
        var formats = await Api.SubmitAsync(_planner, WebHostFixture.ScenarioPath(Path.Combine("scenarios", "release-formats-2027.json")));
        var other = (await Api.PlanAsync(_planner, formats, 2)).GetProperty("id").GetInt64();

        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{other}/report?against={DoneId}", UriKind.Relative));

        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain(
            $"Run {other} against run {DoneId}, of different scenarios: 2027 autumn formats: weekly, two-part and licensed (scenario {formats}) and {Api.DemoName} (scenario {_demo})"));
    }

    [Test]
    public async Task Report_AgainstItself_IsRefused()
    {
        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/report?against={DoneId}", UriKind.Relative));

        Assert.That(
            await response.ProblemAsync(),
            Is.EqualTo(Api.Invalid(
                $"?against: run {DoneId} cannot be compared with itself: choose another run",
                ("?against", $"run {DoneId} cannot be compared with itself: choose another run"))));
    }

    [Test]
    public async Task Report_ZoomedToAMonth_DrawsEachWeekWider_AndAnUnknownZoomIsRefused()
    {
        var year = await _viewer.GetStringAsync(new Uri($"/api/runs/{DoneId}/report?zoom=year", UriKind.Relative));
        var month = await _viewer.GetStringAsync(new Uri($"/api/runs/{DoneId}/report?zoom=month", UriKind.Relative));
        using var unknown = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/report?zoom=decade", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            // The demo's 14 weeks: 20 pixels each across a year, 250 across a month.
            Assert.That(year, Does.Contain($"width=\"{4 + (14 * 20) + 120}\""));
            Assert.That(month, Does.Contain($"width=\"{4 + (14 * 250) + 120}\""));
            Assert.That(await unknown.ProblemAsync(), Is.EqualTo(Api.Invalid(
                "?zoom: must be year, half-year, quarter or month (got 'decade')", ("?zoom", "must be year, half-year, quarter or month (got 'decade')"))));
        }
    }

    [Test]
    public async Task Csv_DoneRun_HasTheHeaderAndALinePerRelease()
    {
        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/csv", UriKind.Relative));

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
            Assert.That(lines[0], Is.EqualTo(CsvHeader));
            Assert.That(lines, Has.Length.EqualTo(Releases(_done.GetProperty("plan")).Count + 1));
        }
    }

    [Test]
    public async Task Explain_ReleasedTitle_GivesItsDateAndWhy()
    {
        var release = Releases(_done.GetProperty("plan")).First(r => r.GetProperty("title").GetString() == "starfall-protocol");
        var region = release.GetProperty("region").GetString();

        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/explain?title=starfall-protocol&region={region}", UriKind.Relative));

        var body = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "title", "region", "date", "mode", "value", "factors", "alternatives" }));
            Assert.That(body.GetProperty("title").GetString(), Is.EqualTo("starfall-protocol"));
            Assert.That(body.GetProperty("region").GetString(), Is.EqualTo(region));
            Assert.That(body.GetProperty("date").GetString(), Is.EqualTo(release.GetProperty("date").GetString()));
            Assert.That(body.GetProperty("value").GetDouble(), Is.EqualTo(release.GetProperty("value").GetDouble()).Within(1e-6));
        }
    }

    [Test]
    public async Task Explain_NoRegion_ExplainsTheLeadRegion()
    {
        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/explain?title=starfall-protocol", UriKind.Relative));

        var body = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("region").GetString(), Is.EqualTo("us"));
        }
    }

    [Test]
    public async Task Explain_UnknownTitle_Is422AtTheTitleParameter()
    {
        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/explain?title=nope", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid("?title: the scenario has no title 'nope'", ("?title", "the scenario has no title 'nope'"))));
        }
    }

    [Test]
    public async Task Explain_NoTitle_Is422AtTheTitleParameter()
    {
        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/explain", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid("?title: required: the title to explain", ("?title", "required: the title to explain"))));
        }
    }

    [Test]
    public async Task Workbook_DoneRun_HoldsEveryReleaseOfThePlan()
    {
        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/xlsx", UriKind.Relative));

        var sheets = XlsxReader.Read(await response.Content.ReadAsByteArrayAsync());
        var releases = _done.GetProperty("plan").GetProperty("releases").EnumerateArray()
            .Select(r => $"{r.GetProperty("title").GetString()} {r.GetProperty("region").GetString()}").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(SlateWorkbooks.ContentType));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo($"run-{DoneId}.xlsx"));
            Assert.That(sheets.Select(s => s.Name), Is.EqualTo(new[] { "Releases", "KPIs", "Calendar" }));
            Assert.That(
                sheets[0].Rows.Keys.Where(r => r > 1).Order().Select(r => $"{sheets[0].Cell(1, r)!.Text} {sheets[0].Cell(3, r)!.Text}"),
                Is.EqualTo(releases));
        }
    }

    [Test]
    public async Task Workbook_AgainstAnotherRun_HasBothRunsFiguresAndTheMoves()
    {
        var variant = (await Api.PlanAsync(_planner, _demo, 2, "starfall-slips")).GetProperty("id").GetInt64();

        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{variant}/xlsx?against={DoneId}", UriKind.Relative));

        var sheets = XlsxReader.Read(await response.Content.ReadAsByteArrayAsync());
        var kpis = sheets.Single(s => s.Name == "KPIs");
        var moves = sheets.Single(s => s.Name == "Moves");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sheets.Select(s => s.Name), Is.EqualTo(new[] { "Releases", "KPIs", "Calendar", "Moves" }));
            Assert.That(kpis.Cell(2, 1)!.Text, Is.EqualTo("base"));
            Assert.That(kpis.Cell(3, 1)!.Text, Is.EqualTo($"run {variant}"));
            Assert.That(moves.LastRow, Is.GreaterThan(1), "starfall-slips moves starfall-protocol");
            Assert.That(moves.Rows.Keys.Where(r => r > 1).Select(r => moves.Cell(2, r)!.Text), Has.Member("starfall-protocol"));
            Assert.That(moves.Rows.Keys.Where(r => r > 1).Select(r => moves.Cell(8, r)?.Text ?? ""), Has.All.Not.Empty);
        }
    }

    [Test]
    public async Task Workbook_AgainstItself_Is422()
    {
        using var response = await _viewer.GetAsync(new Uri($"/api/runs/{DoneId}/xlsx?against={DoneId}", UriKind.Relative));

        Assert.That(
            await response.ProblemAsync(),
            Is.EqualTo(Api.Invalid(
                $"?against: run {DoneId} cannot be compared with itself: choose another run",
                ("?against", $"run {DoneId} cannot be compared with itself: choose another run"))));
    }
}
