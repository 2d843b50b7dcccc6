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
public sealed class PlannersPageTests : PageTest
{
    [Test]
    public async Task SignIn_WrongToken_ShowsTheUnauthorizedDetail()
    {
        using var client = Host.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sch_not-a-token");
        using var response = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
        var detail = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString()!;

        await Page.GetByLabel("Token").FillAsync("sch_not-a-token");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        await Expect(Page.Locator("#signin-message")).ToHaveTextAsync(detail);
        await Expect(Page.Locator("#signed-in-note")).ToBeHiddenAsync();
        await Expect(Page.Locator("#runs")).ToBeHiddenAsync();
        Assert.That(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('scheduler.token')"), Is.Null);
    }

    [Test]
    public async Task SignIn_PlannerToken_KeepsTheTokenForTheTabUntilSignOut()
    {
        await SignInAsync(TokenRole.Planner);
        await Expect(Page.Locator("#runs")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Publications" })).ToBeVisibleAsync();
        Assert.That(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('scheduler.token')"), Is.EqualTo(Token(TokenRole.Planner)));

        await Page.ReloadAsync();
        await Expect(Page.Locator("#signed-in-note")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByLabel("Token")).ToBeVisibleAsync();
        await Expect(Page.Locator("#runs")).ToBeHiddenAsync();
        Assert.That(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('scheduler.token')"), Is.Null);
    }

    [Test]
    public async Task Keyboard_TabAndEnter_SignInAndOut()
    {
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByLabel("Token")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Token(TokenRole.Viewer));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#signed-in-note")).ToBeVisibleAsync();

        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByLabel("Token")).ToBeFocusedAsync();
    }

    [Test]
    public async Task Upload_InvalidScenario_ShowsEachErrorBesideItsJsonPath()
    {
        const string file = "scenarios/invalid/empty-windows.json";
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(WebHostFixture.ScenarioPath(file)));
        var problem = await Host.SendAsync(TokenRole.Planner, HttpMethod.Post, "/api/scenarios", content);
        var expected = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString()))
            .ToList();
        await SignInAsync(TokenRole.Planner);

        await Page.GetByLabel("Scenario file (JSON, or a slate workbook .xlsx)").SetInputFilesAsync(WebHostFixture.ScenarioPath(file));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();

        var table = Page.Locator("#scenario-errors");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(expected.Count);
        var paths = await table.Locator("td.path").AllTextContentsAsync();
        var messages = await table.Locator("td.message").AllTextContentsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(expected, Has.Count.EqualTo(4));
            Assert.That(paths.Zip(messages), Is.EqualTo(expected));
            Assert.That(expected[0].Item1, Is.EqualTo("$.titles[0]"));
        });
        await Expect(Page.Locator("#upload-result")).ToContainTextAsync(problem.GetProperty("detail").GetString()!);
        await Expect(Page.Locator("#start-form")).ToBeHiddenAsync();
    }

    [Test]
    public async Task Upload_ScenarioWith300Errors_ShowsTheFirst200AndSaysHowManyThereAre()
    {
        await SignInAsync(TokenRole.Planner);

        await Page.GetByLabel("or paste the scenario JSON").FillAsync(ManyErrors.Scenario(300));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();

        var table = Page.Locator("#scenario-errors");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(200);
        await Expect(table.Locator("caption")).ToHaveTextAsync("Errors in the scenario: the first 200 of 300");
    }

    [Test]
    public async Task Upload_PastedJson_StoresItAndOffersItsVariants()
    {
        var json = await File.ReadAllTextAsync(WebHostFixture.ScenarioPath("scenarios/demo.json"));
        await SignInAsync(TokenRole.Planner);

        await Page.GetByLabel("or paste the scenario JSON").FillAsync(json);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();

        await Expect(Page.Locator("#upload-result")).ToContainTextAsync(new Regex(@"Stored as scenario \d+: Demo: spring 2027\."));
        await Expect(Page.Locator("#scenario-errors")).ToBeHiddenAsync();
        await Expect(Page.GetByLabel("Variant").Locator("option")).ToHaveTextAsync(new[] { "base (no variant)", "one-release-per-day", "starfall-slips" });
        await Expect(Page.Locator("#start-heading")).ToBeFocusedAsync();
    }

    [Test]
    public async Task Upload_SlateWorkbook_StoresTheScenarioItHolds()
    {
        var workbook = Path.Combine(Path.GetTempPath(), $"slate-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(workbook, Workbooks.Slates.SlateWorkbooks.Export(await File.ReadAllBytesAsync(WebHostFixture.ScenarioPath("scenarios/demo.json"))));
        await SignInAsync(TokenRole.Planner);

        try
        {
            await Page.GetByLabel("Scenario file (JSON, or a slate workbook .xlsx)").SetInputFilesAsync(workbook);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();

            await Expect(Page.Locator("#upload-result")).ToContainTextAsync(new Regex(@"Stored as scenario \d+: Demo: spring 2027\."));
            await Expect(Page.GetByLabel("Variant").Locator("option")).ToHaveTextAsync(new[] { "base (no variant)", "one-release-per-day", "starfall-slips" });
        }
        finally
        {
            File.Delete(workbook);
        }
    }

    [Test]
    public async Task Plan_DemoScenario_ShowsIncumbentAndBoundThenTheCalendar()
    {
        await SignInAsync(TokenRole.Planner);

        await Page.GetByLabel("Scenario file (JSON, or a slate workbook .xlsx)").SetInputFilesAsync(WebHostFixture.ScenarioPath("scenarios/demo.json"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();
        await Expect(Page.Locator("#start-heading")).ToContainTextAsync("Demo: spring 2027");
        var variants = await Page.GetByLabel("Variant").Locator("option").AllTextContentsAsync();
        Assert.That(variants, Is.EqualTo(new[] { "base (no variant)", "one-release-per-day", "starfall-slips" }));
        await Expect(Page.GetByLabel("Time limit (seconds)")).ToHaveValueAsync("");
        await Page.GetByLabel("Time limit (seconds)").FillAsync("3");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start plan" }).ClickAsync();

        await Expect(Page.Locator("#progress-incumbent")).ToHaveTextAsync(new Regex(@"^\d+\.\d{3}$"));
        await Expect(Page.Locator("#progress-bound")).ToHaveTextAsync(new Regex(@"^\d+\.\d{3}$"));
        await Expect(Page.Locator("#progress-elapsed")).ToHaveTextAsync(new Regex(@"^\d+\.\d s of 3 s$"));
        await Expect(Page.Locator("#progress-state")).ToHaveTextAsync("done");
        var runId = long.Parse(await Page.Locator("#progress-run").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

        // The calendar: one marker per release of the stored plan.
        var run = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}");
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
        await Expect(Page.Locator("#view-heading")).ToHaveTextAsync($"Run {runId}: Demo: spring 2027");
        await Expect(RunButton(runId)).ToBeVisibleAsync();
    }

    [Test]
    public async Task Plan_TimeLimitLeftEmpty_TakesTheScenariosOwn()
    {
        await SignInAsync(TokenRole.Planner);
        await Page.GetByLabel("Scenario file (JSON, or a slate workbook .xlsx)").SetInputFilesAsync(WebHostFixture.ScenarioPath("scenarios/demo.json"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();

        await Expect(Page.GetByLabel("Time limit (seconds)")).ToHaveAttributeAsync("placeholder", "the scenario's own");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start plan" }).ClickAsync();

        // The demo's solver.timeLimitSeconds is 10.
        await Expect(Page.Locator("#progress-state")).ToHaveTextAsync("done");
        await Expect(Page.Locator("#progress-elapsed")).ToHaveTextAsync(new Regex(@"^\d+\.\d s of 10 s$"));
    }

    [Test]
    public async Task Plan_WithAlternatives_ShowsEachAgainstThePlan()
    {
        await SignInAsync(TokenRole.Planner);
        await Page.GetByLabel("Scenario file (JSON, or a slate workbook .xlsx)").SetInputFilesAsync(WebHostFixture.ScenarioPath("scenarios/demo.json"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload scenario" }).ClickAsync();
        await Page.GetByLabel("Time limit (seconds)").FillAsync("3");
        await Page.GetByLabel("Alternatives").FillAsync("2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start plan" }).ClickAsync();

        await Expect(Page.Locator("#progress-state")).ToHaveTextAsync("done");
        var runId = await Page.Locator("#progress-run").TextContentAsync();
        var run = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}");
        var alternatives = run.GetProperty("alternatives").EnumerateArray().Select(a => a.GetInt64()).ToList();
        Assert.That(alternatives, Has.Count.EqualTo(2), run.GetProperty("messages").ToString());
        var links = Page.Locator("#alternatives button");
        await Expect(links).ToHaveTextAsync(new[] { new Regex($"^Alternative 1: run {alternatives[0]} "), new Regex($"^Alternative 2: run {alternatives[1]} ") });

        await links.Nth(1).ClickAsync();

        await Expect(Page.Locator("#view-heading")).ToHaveTextAsync($"Run {alternatives[1]}: Demo: spring 2027, alternative to run {runId}");
        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Run {alternatives[1]} against run {runId}");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Show run {runId}, the plan this is an alternative to" }).ClickAsync();
        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Demo: spring 2027, run {runId}");
    }

    [Test]
    public async Task StoredScenario_StartFollowThenCancel_EndsCancelled()
    {
        // A contended slate of 100 titles in 12 regions: several seconds of solving on two cores.
        var slate = ScenarioGenerator.Generate(new GeneratorOptions(100, 12, 1, 2027, 1, Contention.High));
        var scenarioId = await Host.StoreScenarioAsync(Encoding.UTF8.GetBytes(slate.ToJsonString()));
        await SignInAsync(TokenRole.Planner);

        await Page.GetByText("Stored scenarios", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Plan scenario {scenarioId}:" }).ClickAsync();
        await Expect(Page.Locator("#start-heading")).ToContainTextAsync($"scenario {scenarioId}:");
        await Page.GetByLabel("Time limit (seconds)").FillAsync("120");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start plan" }).ClickAsync();
        await Expect(Page.Locator("#progress-run")).Not.ToBeEmptyAsync();
        var runId = await Page.Locator("#progress-run").TextContentAsync();

        // The progress moves while it solves: the state, then the seconds spent.
        await Expect(Page.Locator("#progress-state")).ToHaveTextAsync("running");
        await Expect(Page.Locator("#progress-elapsed")).ToHaveTextAsync(new Regex(@"^[1-9]\d*\.\d s of 120 s$"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel, discarding the plan" }).ClickAsync();

        await Expect(Page.Locator("#progress-state")).ToHaveTextAsync("cancelled");
        await Expect(Page.Locator("#progress-message")).ToContainTextAsync($"Run {runId} cancelled.");
        var run = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}");
        Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Adopt_AsAdmin_MarksThePlanOfRecordAndListsItsPublications()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(TokenRole.Admin);

        var plan = (await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}")).GetProperty("plan");
        var next = plan.GetProperty("releases").EnumerateArray().MinBy(r => DateTimeOffset.Parse(r.GetProperty("publishAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        await RunButton(runId).ClickAsync();
        await Expect(Report.Locator("circle.release").First).ToBeAttachedAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Move a release" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Adopt as plan of record" }).ClickAsync();

        // Asked first, with what would be published next (the demo's releases are all to come).
        await Expect(Page.Locator("#adopt-question")).ToHaveTextAsync(
            $"Adopt run {runId} as the plan of record? Its releases will be published at their instants; the next is {next.GetProperty("title").GetString()} in {next.GetProperty("region").GetString()} on {next.GetProperty("date").GetString()} ({next.GetProperty("publishAt").GetString()}).");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Confirm adoption" }).ClickAsync();

        await Expect(Page.Locator("#view-message")).ToHaveTextAsync($"Run {runId} is now the plan of record.");
        var row = Page.Locator($"#runs-body tr[data-run=\"{runId}\"]");
        await Expect(row.Locator("td.por")).ToBeVisibleAsync();
        await Expect(Page.Locator("td.por")).ToHaveCountAsync(1);

        var publications = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, "/api/publications");
        var drops = publications.GetProperty("releases").EnumerateArray().ToList();
        Assert.That(drops, Is.Not.Empty);
        await Expect(Page.Locator("#pubs-body tr")).ToHaveCountAsync(drops.Count);
        await Expect(Page.Locator("#count-upcoming")).ToHaveTextAsync(drops.Count(d => d.GetProperty("state").GetString() == "upcoming").ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Page.Locator("#pubs-summary")).ToHaveTextAsync($"Plan of record: run {runId}, {drops.Count} drops.");
        var first = drops[0];
        await Expect(Page.Locator("#pubs-body tr").First).ToContainTextAsync(first.GetProperty("title").GetString()!);
    }

    [Test]
    public async Task SignIn_AsViewer_SaysWhatTheRoleMayAndOffersNoControlItMayNotUse()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(TokenRole.Viewer);

        await Expect(Page.Locator("#signed-in-note")).ToHaveTextAsync(
            "Signed in as vera-viewer (viewer): may read and check moves; may not plan and re-plan, adopt and manage tokens.");
        await RunButton(runId).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Check move" })).ToBeVisibleAsync();
        foreach (var name in new[] { "Adopt as plan of record", "Pin here and re-plan", "Upload scenario" })
        {
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = name })).ToBeHiddenAsync();
        }
    }

    [Test]
    public async Task SignIn_AsAdmin_SaysItMayDoEverything()
    {
        await SignInAsync(TokenRole.Admin);

        await Expect(Page.Locator("#signed-in-note")).ToHaveTextAsync("Signed in as ada-admin (admin): may read and check moves, plan and re-plan, adopt and manage tokens.");
    }

    [Test]
    public async Task Adopt_KeepTheCurrentPlan_AdoptsNothing()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(TokenRole.Admin);

        await RunButton(runId).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Adopt as plan of record" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Keep the current plan of record" }).ClickAsync();

        await Expect(Page.Locator("#view-message")).ToHaveTextAsync("Nothing was adopted.");
        await Expect(Page.Locator("#adopt-confirm")).ToBeHiddenAsync();
        var record = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, "/api/plan-of-record");
        Assert.That(record.TryGetProperty("runId", out var adopted) && adopted.GetInt64() == runId, Is.False, record.ToString());
    }

    [Test]
    public async Task DownloadCsv_SelectedRun_SavesTheRunsCsv()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        var csv = await Host.GetTextAsync(TokenRole.Viewer, $"/api/runs/{runId}/csv");
        await SignInAsync(TokenRole.Viewer);

        await RunButton(runId).ClickAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());

        Assert.That(download.SuggestedFilename, Is.EqualTo($"run-{runId}.csv"));
        Assert.That(await File.ReadAllTextAsync(await download.PathAsync()), Is.EqualTo(csv));
    }

    [Test]
    public async Task DownloadWorkbook_SelectedRun_SavesTheRunsWorkbook()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(TokenRole.Viewer);

        await RunButton(runId).ClickAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Download workbook" }).ClickAsync());

        var sheets = Workbooks.Xlsx.XlsxReader.Read(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Multiple(() =>
        {
            Assert.That(download.SuggestedFilename, Is.EqualTo($"run-{runId}.xlsx"));
            Assert.That(sheets.Select(s => s.Name), Is.EqualTo(new[] { "Releases", "KPIs", "Calendar" }));
            Assert.That(sheets[0].LastRow, Is.EqualTo(24), "the demo's 23 releases below the header");
        });
    }

    [Test]
    public async Task Compare_TwoRuns_ShowsTheComparisonWithMovedReleases()
    {
        var scenarioId = await Host.StoreScenarioAsync("scenarios/demo.json");
        var baseRun = await Host.PlanAsync(scenarioId);
        var slipped = await Host.PlanAsync(scenarioId, "starfall-slips");
        await SignInAsync(TokenRole.Admin); // who could adopt, but not a comparison

        await Page.GetByLabel("Base run").SelectOptionAsync(baseRun.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Other run").SelectOptionAsync(slipped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Run {slipped} against run {baseRun}");
        await Expect(Page.Locator("#view-heading")).ToHaveTextAsync($"Run {slipped} against run {baseRun}");
        await Expect(Report.Locator("path.move[data-move^=\"starfall-protocol|\"]").First).ToBeAttachedAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Adopt as plan of record" })).ToBeDisabledAsync();
    }

    [Test]
    public async Task CompareChoices_GreedyRun_IsOfferedForTheApiSaysItHasAPlan()
    {
        var planned = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        long greedy;
        await using (var database = await Host.OpenAsync())
        {
            var run = (await database.Runs.FindAsync(planned))!;
            var plan = PlanJson.Read(run.PlanJson!);
            var baseline = plan with { Solver = plan.Solver with { Engine = "greedy", Status = PlanStatuses.Heuristic, Bound = null, Gap = null } };
            var content = await database.Scenarios.ContentAsync(run.ScenarioId);
            greedy = await database.Runs.StoreAsync(NewRun.ForVerifiedPlan(baseline, content, RunTrigger.Cli, plan.GeneratedAt, plan.GeneratedAt));
        }

        await SignInAsync(TokenRole.Viewer);

        var value = greedy.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(Page.GetByLabel("Base run").Locator($"option[value=\"{value}\"]")).ToHaveCountAsync(1);
        await Expect(Page.GetByLabel("Other run").Locator($"option[value=\"{value}\"]")).ToHaveCountAsync(1);
    }
}
