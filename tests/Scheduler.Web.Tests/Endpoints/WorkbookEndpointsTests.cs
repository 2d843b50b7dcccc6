using System.Net;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;
using Scheduler.Workbooks.Slates;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary><c>GET /api/runs/{id}/xlsx</c>: a done run's plan as a workbook, alone and against another run.</summary>
public sealed class WorkbookEndpointsTests
{
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
