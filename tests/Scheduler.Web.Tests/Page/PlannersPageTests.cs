using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// The planners' page at <c>/</c> in Debian's Chromium, against a real host: signing in, uploading a
/// scenario, planning with live progress, the calendar, comparing, adopting and the publications.
/// </summary>
[NonParallelizable]
public sealed class PlannersPageTests
{
    private WebHostFixture _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _pageErrors = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await WebHostFixture.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
        SetDefaultExpectTimeout(20_000);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [SetUp]
    public async Task OpenAsync()
    {
        // A laptop's screen.
        _context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, AcceptDownloads = true });
        _page = await _context.NewPageAsync();
        _pageErrors.Clear();
        _page.PageError += (_, error) => _pageErrors.Add(error);
        _page.Console += (_, message) =>
        {
            // Refused requests (401, 403, 422) are logged by the browser; anything else (a script error, a CSP violation) is the page's fault.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _pageErrors.Add(message.Text);
            }
        };
        await _page.GotoAsync(_host.BaseAddress.ToString());
    }

    [TearDown]
    public async Task CloseAsync()
    {
        await _context.DisposeAsync();
        Assert.That(_pageErrors, Is.Empty, "the page logged errors");
    }

    private string Token(TokenRole role) => _host.Tokens[role];

    private async Task SignInAsync(TokenRole role)
    {
        await _page.GetByLabel("Token").FillAsync(Token(role));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(_page.Locator("#signed-in-note")).ToBeVisibleAsync();
    }

    private ILocator RunButton(long id) => _page.Locator($"#runs-body tr[data-run=\"{id}\"] button");

    private IFrameLocator Report => _page.FrameLocator("#report");

    [Test]
    public async Task SignIn_WrongToken_ShowsTheUnauthorizedDetail()
    {
        using var client = _host.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sch_not-a-token");
        using var response = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
        var detail = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString()!;

        await _page.GetByLabel("Token").FillAsync("sch_not-a-token");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        await Expect(_page.Locator("#signin-message")).ToHaveTextAsync(detail);
        await Expect(_page.Locator("#signed-in-note")).ToBeHiddenAsync();
        await Expect(_page.Locator("#runs")).ToBeHiddenAsync();
        Assert.That(await _page.EvaluateAsync<string?>("() => sessionStorage.getItem('scheduler.token')"), Is.Null);
    }

    [Test]
    public async Task SignIn_PlannerToken_KeepsTheTokenForTheTabUntilSignOut()
    {
        await SignInAsync(TokenRole.Planner);
        await Expect(_page.Locator("#runs")).ToBeVisibleAsync();
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Publications" })).ToBeVisibleAsync();
        Assert.That(await _page.EvaluateAsync<string?>("() => sessionStorage.getItem('scheduler.token')"), Is.EqualTo(Token(TokenRole.Planner)));

        await _page.ReloadAsync();
        await Expect(_page.Locator("#signed-in-note")).ToBeVisibleAsync();

        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(_page.GetByLabel("Token")).ToBeVisibleAsync();
        await Expect(_page.Locator("#runs")).ToBeHiddenAsync();
        Assert.That(await _page.EvaluateAsync<string?>("() => sessionStorage.getItem('scheduler.token')"), Is.Null);
    }

    [Test]
    public async Task Keyboard_TabAndEnter_SignInAndOut()
    {
        await _page.Keyboard.PressAsync("Tab");
        await Expect(_page.GetByLabel("Token")).ToBeFocusedAsync();
        await _page.Keyboard.TypeAsync(Token(TokenRole.Viewer));
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator("#signed-in-note")).ToBeVisibleAsync();

        await _page.Keyboard.PressAsync("Tab");
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeFocusedAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.GetByLabel("Token")).ToBeFocusedAsync();
    }

    [Test]
    public async Task Upload_InvalidScenario_ShowsEachErrorBesideItsJsonPath()
    {
        const string file = "scenarios/invalid/empty-windows.json";
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(WebHostFixture.ScenarioPath(file)));
        var problem = await _host.SendAsync(TokenRole.Planner, HttpMethod.Post, "/api/scenarios", content);
        var expected = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString()))
            .ToList();
        await SignInAsync(TokenRole.Planner);

        await _page.GetByLabel("Scenario file (JSON)").SetInputFilesAsync(WebHostFixture.ScenarioPath(file));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();

        var table = _page.Locator("#scenario-errors");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(expected.Count);
        var paths = await table.Locator("td.path").AllTextContentsAsync();
        var messages = await table.Locator("td.message").AllTextContentsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(expected, Has.Count.EqualTo(4));
            Assert.That(paths.Zip(messages), Is.EqualTo(expected));
            Assert.That(expected[0].Item1, Is.EqualTo("$.titles[0]"));
        });
        await Expect(_page.Locator("#upload-result")).ToContainTextAsync(problem.GetProperty("detail").GetString()!);
        await Expect(_page.Locator("#start-form")).ToBeHiddenAsync();
    }

    [Test]
    public async Task Upload_ScenarioWith300Errors_ShowsTheFirst200AndSaysHowManyThereAre()
    {
        await SignInAsync(TokenRole.Planner);

        await _page.GetByLabel("or paste the scenario JSON").FillAsync(ManyErrors.Scenario(300));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();

        var table = _page.Locator("#scenario-errors");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(200);
        await Expect(table.Locator("caption")).ToHaveTextAsync("Errors in the scenario: the first 200 of 300");
    }

    [Test]
    public async Task Upload_PastedJson_StoresItAndOffersItsVariants()
    {
        var json = await File.ReadAllTextAsync(WebHostFixture.ScenarioPath("scenarios/demo.json"));
        await SignInAsync(TokenRole.Planner);

        await _page.GetByLabel("or paste the scenario JSON").FillAsync(json);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();

        await Expect(_page.Locator("#upload-result")).ToContainTextAsync(new Regex(@"Stored as scenario \d+: Demo: spring 2027\."));
        await Expect(_page.Locator("#scenario-errors")).ToBeHiddenAsync();
        await Expect(_page.GetByLabel("Variant").Locator("option")).ToHaveTextAsync(new[] { "base (no variant)", "one-release-per-day", "starfall-slips" });
        await Expect(_page.Locator("#start-heading")).ToBeFocusedAsync();
    }

    [Test]
    public async Task Plan_DemoScenario_ShowsIncumbentAndBoundThenTheCalendar()
    {
        await SignInAsync(TokenRole.Planner);

        await _page.GetByLabel("Scenario file (JSON)").SetInputFilesAsync(WebHostFixture.ScenarioPath("scenarios/demo.json"));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();
        await Expect(_page.Locator("#start-heading")).ToContainTextAsync("Demo: spring 2027");
        var variants = await _page.GetByLabel("Variant").Locator("option").AllTextContentsAsync();
        Assert.That(variants, Is.EqualTo(new[] { "base (no variant)", "one-release-per-day", "starfall-slips" }));
        await Expect(_page.GetByLabel("Time limit (seconds)")).ToHaveValueAsync("10");
        await _page.GetByLabel("Time limit (seconds)").FillAsync("3");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start plan" }).ClickAsync();

        await Expect(_page.Locator("#progress-incumbent")).ToHaveTextAsync(new Regex(@"^\d+\.\d{3}$"));
        await Expect(_page.Locator("#progress-bound")).ToHaveTextAsync(new Regex(@"^\d+\.\d{3}$"));
        await Expect(_page.Locator("#progress-elapsed")).ToHaveTextAsync(new Regex(@"^\d+\.\d s of 3 s$"));
        await Expect(_page.Locator("#progress-state")).ToHaveTextAsync("done");
        var runId = long.Parse(await _page.Locator("#progress-run").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

        // The calendar: one marker per release of the stored plan.
        var run = await _host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}");
        var releases = run.GetProperty("plan").GetProperty("releases").EnumerateArray()
            .Select(r => $"{r.GetProperty("title").GetString()}|{r.GetProperty("region").GetString()}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Demo: spring 2027, run {runId}");
        var markers = await Report.Locator("circle.release").EvaluateAllAsync<string[]>("circles => circles.map(c => c.dataset.release)");
        Assert.Multiple(() =>
        {
            Assert.That(releases, Is.Not.Empty);
            Assert.That(markers.Distinct().Order(StringComparer.Ordinal), Is.EqualTo(releases));
        });
        await Expect(_page.Locator("#view-heading")).ToHaveTextAsync($"Run {runId}: Demo: spring 2027");
        await Expect(RunButton(runId)).ToBeVisibleAsync();
    }

    [Test]
    public async Task Plan_WithAlternatives_ShowsEachAgainstThePlan()
    {
        await SignInAsync(TokenRole.Planner);
        await _page.GetByLabel("Scenario file (JSON)").SetInputFilesAsync(WebHostFixture.ScenarioPath("scenarios/demo.json"));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();
        await _page.GetByLabel("Time limit (seconds)").FillAsync("3");
        await _page.GetByLabel("Alternatives").FillAsync("2");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start plan" }).ClickAsync();

        await Expect(_page.Locator("#progress-state")).ToHaveTextAsync("done");
        var runId = await _page.Locator("#progress-run").TextContentAsync();
        var run = await _host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}");
        var alternatives = run.GetProperty("alternatives").EnumerateArray().Select(a => a.GetInt64()).ToList();
        Assert.That(alternatives, Has.Count.EqualTo(2), run.GetProperty("messages").ToString());
        var links = _page.Locator("#alternatives button");
        await Expect(links).ToHaveTextAsync(new[] { new Regex($"^Alternative 1: run {alternatives[0]} "), new Regex($"^Alternative 2: run {alternatives[1]} ") });

        await links.Nth(1).ClickAsync();

        await Expect(_page.Locator("#view-heading")).ToHaveTextAsync($"Run {alternatives[1]}: Demo: spring 2027, alternative to run {runId}");
        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Run {alternatives[1]} against run {runId}");
        await _page.GetByRole(AriaRole.Button, new() { Name = $"Show run {runId}, the plan this is an alternative to" }).ClickAsync();
        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Demo: spring 2027, run {runId}");
    }

    [Test]
    public async Task StoredScenario_StartFollowThenCancel_EndsCancelled()
    {
        // A contended slate of 100 titles in 12 regions: several seconds of solving on two cores.
        var slate = ScenarioGenerator.Generate(new GeneratorOptions(100, 12, 1, 2027, 1, Contention.High));
        var scenarioId = await _host.StoreScenarioAsync(Encoding.UTF8.GetBytes(slate.ToJsonString()));
        await SignInAsync(TokenRole.Planner);

        await _page.GetByText("Stored scenarios", new() { Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = $"Plan scenario {scenarioId}:" }).ClickAsync();
        await Expect(_page.Locator("#start-heading")).ToContainTextAsync($"scenario {scenarioId}:");
        await _page.GetByLabel("Time limit (seconds)").FillAsync("120");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Start plan" }).ClickAsync();
        await Expect(_page.Locator("#progress-run")).Not.ToBeEmptyAsync();
        var runId = await _page.Locator("#progress-run").TextContentAsync();

        // The progress moves while it solves: the state, then the seconds spent.
        await Expect(_page.Locator("#progress-state")).ToHaveTextAsync("running");
        await Expect(_page.Locator("#progress-elapsed")).ToHaveTextAsync(new Regex(@"^[1-9]\d*\.\d s of 120 s$"));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();

        await Expect(_page.Locator("#progress-state")).ToHaveTextAsync("cancelled");
        await Expect(_page.Locator("#progress-message")).ToContainTextAsync($"Run {runId} cancelled.");
        var run = await _host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}");
        Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Adopt_AsAdmin_MarksThePlanOfRecordAndListsItsPublications()
    {
        var runId = await _host.PlanAsync(await _host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(TokenRole.Admin);

        await RunButton(runId).ClickAsync();
        await Expect(Report.Locator("circle.release").First).ToBeAttachedAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Adopt as plan of record" }).ClickAsync();

        await Expect(_page.Locator("#view-message")).ToHaveTextAsync($"Run {runId} is now the plan of record.");
        var row = _page.Locator($"#runs-body tr[data-run=\"{runId}\"]");
        await Expect(row.Locator("td.por")).ToBeVisibleAsync();
        await Expect(_page.Locator("td.por")).ToHaveCountAsync(1);

        var publications = await _host.SendAsync(TokenRole.Viewer, HttpMethod.Get, "/api/publications");
        var drops = publications.GetProperty("releases").EnumerateArray().ToList();
        Assert.That(drops, Is.Not.Empty);
        await Expect(_page.Locator("#pubs-body tr")).ToHaveCountAsync(drops.Count);
        await Expect(_page.Locator("#count-upcoming")).ToHaveTextAsync(drops.Count(d => d.GetProperty("state").GetString() == "upcoming").ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(_page.Locator("#pubs-summary")).ToHaveTextAsync($"Plan of record: run {runId}, {drops.Count} drops.");
        var first = drops[0];
        await Expect(_page.Locator("#pubs-body tr").First).ToContainTextAsync(first.GetProperty("title").GetString()!);
    }

    [Test]
    public async Task Adopt_AsViewer_ShowsTheForbiddenDetail()
    {
        var runId = await _host.PlanAsync(await _host.StoreScenarioAsync("scenarios/demo.json"));
        var problem = await _host.SendAsync(TokenRole.Viewer, HttpMethod.Post, $"/api/runs/{runId}/adopt");
        await SignInAsync(TokenRole.Viewer);

        await RunButton(runId).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Adopt as plan of record" }).ClickAsync();

        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(403));
        await Expect(_page.Locator("#view-message")).ToHaveTextAsync(problem.GetProperty("detail").GetString()!);
        await Expect(_page.Locator($"#runs-body tr[data-run=\"{runId}\"]").Locator("td.por")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task DownloadCsv_SelectedRun_SavesTheRunsCsv()
    {
        var runId = await _host.PlanAsync(await _host.StoreScenarioAsync("scenarios/demo.json"));
        var csv = await _host.GetTextAsync(TokenRole.Viewer, $"/api/runs/{runId}/csv");
        await SignInAsync(TokenRole.Viewer);

        await RunButton(runId).ClickAsync();
        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());

        Assert.That(download.SuggestedFilename, Is.EqualTo($"run-{runId}.csv"));
        Assert.That(await File.ReadAllTextAsync(await download.PathAsync()), Is.EqualTo(csv));
    }

    [Test]
    public async Task Compare_TwoRuns_ShowsTheComparisonWithMovedReleases()
    {
        var scenarioId = await _host.StoreScenarioAsync("scenarios/demo.json");
        var baseRun = await _host.PlanAsync(scenarioId);
        var slipped = await _host.PlanAsync(scenarioId, "starfall-slips");
        await SignInAsync(TokenRole.Viewer);

        await _page.GetByLabel("Base run").SelectOptionAsync(baseRun.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _page.GetByLabel("Other run").SelectOptionAsync(slipped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Run {slipped} against run {baseRun}");
        await Expect(_page.Locator("#view-heading")).ToHaveTextAsync($"Run {slipped} against run {baseRun}");
        await Expect(Report.Locator("path.move[data-move^=\"starfall-protocol|\"]").First).ToBeAttachedAsync();
        await Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Adopt as plan of record" })).ToBeDisabledAsync();
    }

    [Test]
    public async Task CompareChoices_GreedyRun_IsOfferedForTheApiSaysItHasAPlan()
    {
        var planned = await _host.PlanAsync(await _host.StoreScenarioAsync("scenarios/demo.json"));
        long greedy;
        await using (var database = await _host.OpenAsync())
        {
            var run = (await database.Runs.FindAsync(planned))!;
            var plan = PlanJson.Read(run.PlanJson!);
            var baseline = plan with { Solver = plan.Solver with { Engine = "greedy", Status = PlanStatuses.Heuristic, Bound = null, Gap = null } };
            var content = await database.Scenarios.ContentAsync(run.ScenarioId);
            greedy = await database.Runs.StoreAsync(NewRun.ForVerifiedPlan(baseline, content, RunTrigger.Cli, plan.GeneratedAt, plan.GeneratedAt));
        }

        await SignInAsync(TokenRole.Viewer);

        var value = greedy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(_page.GetByLabel("Base run").Locator($"option[value=\"{value}\"]")).ToHaveCountAsync(1);
        await Expect(_page.GetByLabel("Other run").Locator($"option[value=\"{value}\"]")).ToHaveCountAsync(1);
    }
}
