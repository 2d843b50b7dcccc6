using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Storage;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// The workbench under a run's calendar, driven as a planner would: move a release onto a date a
/// rule forbids and read the rule, onto a free one and read the price, pin it and re-plan, fit a
/// new title and accept its best option.
/// </summary>
[NonParallelizable]
public sealed class WorkbenchPageTests : PageTest
{
    private async Task<long> OpenDemoRunAsync(TokenRole role)
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(role);
        await RunButton(runId).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Move a release" })).ToBeVisibleAsync();
        return runId;
    }

    [Test]
    public async Task CheckMove_OntoASaturday_NamesTheReleaseDayRule()
    {
        await OpenDemoRunAsync(TokenRole.Viewer);

        await Page.GetByLabel("Title", new() { Exact = true }).SelectOptionAsync("ember-road");
        await Page.GetByLabel("Date", new() { Exact = true }).FillAsync("2027-04-17");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check move" }).ClickAsync();

        await Expect(Page.Locator("#move-message")).ToHaveTextAsync(new Regex(@"^The move breaks \d+ rules: objective [+-]?\d+\.\d{3} "));
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Rules the move breaks" }).GetByRole(AriaRole.Listitem).First)
            .ToHaveTextAsync(new Regex(@"^rule 3 \(on a release day of the region, never on a blackout date\): title 'ember-road' is released in '\w+' on 2027-04-17, a Saturday, not a release day there$"));
        await Expect(Page.Locator("#move-releases tbody tr")).ToHaveCountAsync(3);
    }

    [Test]
    public async Task CheckMove_ToAFreeDate_ShowsThePriceThenPinAndReplanShowsTheComparison()
    {
        var runId = await OpenDemoRunAsync(TokenRole.Planner);
        await Page.GetByLabel("Title", new() { Exact = true }).SelectOptionAsync("kitchen-wars");

        // The first Friday the check finds free, as a planner would try them.
        string? free = null;
        for (var day = new DateOnly(2027, 3, 5); free is null && day <= new DateOnly(2027, 5, 28); day = day.AddDays(7))
        {
            var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await Page.GetByLabel("Date", new() { Exact = true }).FillAsync(date);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Check move" }).ClickAsync();
            await Expect(Page.Locator("#move-message")).ToHaveTextAsync(new Regex("^The move (keeps every rule|breaks)"));
            if ((await Page.Locator("#move-message").TextContentAsync())!.StartsWith("The move keeps every rule", StringComparison.Ordinal))
            {
                free = date;
            }
        }

        Assert.That(free, Is.Not.Null, "some Friday takes kitchen-wars");
        await Expect(Page.Locator("#move-message")).ToHaveTextAsync(new Regex(@"^The move keeps every rule: objective [+-]?\d+\.\d{3} \(value [+-]?\d+\.\d{3}, clash cost [+-]?\d+\.\d{3}\)\.$"));
        await Expect(Page.Locator("#move-releases tbody tr").First).ToContainTextAsync(free!);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Pin here and re-plan" }).ClickAsync();

        await Expect(Page.Locator("#progress-state")).ToHaveTextAsync("done", new() { Timeout = 60_000 });
        var replanned = await Page.Locator("#progress-run").TextContentAsync();
        await Expect(Page.Locator("#view-heading")).ToHaveTextAsync($"Run {replanned}: Demo: spring 2027, against run {runId}");
        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Run {replanned} against run {runId}");
        var run = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{replanned}");
        Assert.That(
            run.GetProperty("plan").GetProperty("releases").EnumerateArray().Where(r => r.GetProperty("title").GetString() == "kitchen-wars").Select(r => r.GetProperty("date").GetString()).Distinct(),
            Is.EqualTo(new[] { free }));
    }

    [Test]
    public async Task Fit_NewTitle_AcceptTheFirstOption_ReplansWithIt()
    {
        var runId = await OpenDemoRunAsync(TokenRole.Planner);

        await Page.GetByLabel("Title id").FillAsync("midnight-special");
        await Page.GetByLabel("Name (a new title)").FillAsync("Midnight Special");
        await Page.GetByLabel("Genres, comma-separated (a new title)").FillAsync("drama");
        await Page.GetByLabel("Demand (a new title)").FillAsync("60");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find options" }).ClickAsync();

        await Expect(Page.Locator("#fit-message")).ToHaveTextAsync(new Regex(@"^5 options for midnight-special, best first \(\d+ placements weighed\)\.$"));
        await Expect(Page.Locator("#fit-options tbody tr")).ToHaveCountAsync(5);
        var dates = await Page.Locator("#fit-options tbody tr").First.Locator("td").Nth(2).TextContentAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Accept option 1: pin it and re-plan" }).ClickAsync();

        await Expect(Page.Locator("#progress-state")).ToHaveTextAsync("done", new() { Timeout = 60_000 });
        var replanned = await Page.Locator("#progress-run").TextContentAsync();
        await Expect(Page.Locator("#view-heading")).ToHaveTextAsync($"Run {replanned}: Demo: spring 2027, against run {runId}");
        var run = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{replanned}");
        var released = run.GetProperty("plan").GetProperty("releases").EnumerateArray()
            .Where(r => r.GetProperty("title").GetString() == "midnight-special")
            .Select(r => r.GetProperty("date").GetString())
            .ToList();
        Assert.That(released, Is.Not.Empty);
        Assert.That(dates, Does.Contain(released[0]));
    }

    [Test]
    public async Task WhyThisDate_ShowsTheFactorsAndTheBestOtherDates()
    {
        var runId = await OpenDemoRunAsync(TokenRole.Viewer);
        var explanation = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}/explain?title=starfall-protocol&region=uk");

        await Page.GetByLabel("Title", new() { Exact = true }).SelectOptionAsync("starfall-protocol");
        await Page.GetByLabel("Region", new() { Exact = true }).SelectOptionAsync("uk");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Why this date" }).ClickAsync();

        await Expect(Page.Locator("#why-message")).ToHaveTextAsync(new Regex(
            $"^starfall-protocol in uk on {explanation.GetProperty("date").GetString()} \\(staggered\\): value {explanation.GetProperty("value").GetDouble():0.000}: base "));
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Best other dates" }).GetByRole(AriaRole.Listitem))
            .ToHaveCountAsync(explanation.GetProperty("alternatives").GetArrayLength());
    }

    [Test]
    public async Task Fit_UnknownTitleId_SaysSoBesideTheForm()
    {
        await OpenDemoRunAsync(TokenRole.Viewer);

        await Page.GetByLabel("Title id").FillAsync("nope");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find options" }).ClickAsync();

        await Expect(Page.Locator("#fit-message")).ToHaveTextAsync(new Regex(@"^The title cannot be fitted: \$\.title\.id: run \d+'s scenario has no title 'nope'; a new title also needs its name, genres and demand$"));
    }
}
