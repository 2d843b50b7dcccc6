using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Storage;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// The release table under a run's calendar, as a planner uses it: filtered by region and month,
/// sorted by value, each release with its local time beside UTC, and a row moved or explained in
/// the workbench.
/// </summary>
[NonParallelizable]
public sealed class ReleaseTablePageTests : PageTest
{
    private ILocator Rows => Page.Locator("#releases tbody tr");

    private async Task OpenDemoRunAsync()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(TokenRole.Viewer);
        await RunButton(runId).ClickAsync();
        await Expect(Page.Locator("#releases caption")).ToHaveTextAsync("Releases: 23 of 23");
    }

    [Test]
    public async Task FilterByRegionAndMonth_ShowsOnlyThoseWithTheirLocalTimeBesideUtc()
    {
        await OpenDemoRunAsync();

        await Page.GetByLabel("In region", new() { Exact = true }).SelectOptionAsync("uk");

        await Expect(Page.Locator("#releases caption")).ToHaveTextAsync(new Regex(@"^Releases: \d of 23$"));
        foreach (var row in await Rows.AllAsync())
        {
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("uk");
            var utc = DateTimeOffset.Parse((await row.Locator("td").Nth(6).TextContentAsync())!, CultureInfo.InvariantCulture);
            var london = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
            await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync(new Regex($"^{london:HH:mm} (GMT|BST|GMT\\+1)$"));
            await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync(london.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        var april = await Page.GetByLabel("In month", new() { Exact = true }).SelectOptionAsync("2027-04");
        foreach (var row in await Rows.AllAsync())
        {
            await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync(new Regex("^2027-04-"));
        }

        Assert.That(april, Is.EqualTo(new[] { "2027-04" }));
    }

    [Test]
    public async Task SortByValue_TwiceGivesTheMostValuableFirst()
    {
        await OpenDemoRunAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sort by value" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sort by value, descending" }).ClickAsync();

        await Expect(Page.Locator("#releases th[aria-sort=descending]")).ToHaveTextAsync("Value ▼");
        var values = new List<double>();
        foreach (var row in await Rows.AllAsync())
        {
            values.Add(double.Parse((await row.Locator("td").Nth(8).TextContentAsync())!, CultureInfo.InvariantCulture));
        }

        Assert.That(values, Has.Count.EqualTo(23).And.Ordered.Descending);
    }

    [Test]
    public async Task MoveAndWhy_FromARow_FillTheWorkbench()
    {
        await OpenDemoRunAsync();
        var row = Rows.Filter(new() { HasText = "(ember-road)" }).Filter(new() { HasText = "br" }).First;
        var date = await row.Locator("td").Nth(4).TextContentAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Move ember-road in br" }).ClickAsync();

        await Expect(Page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("ember-road");
        await Expect(Page.Locator("#move-region")).ToHaveValueAsync("br");
        await Expect(Page.GetByLabel("Date", new() { Exact = true })).ToHaveValueAsync(date!);
        await Expect(Page.GetByLabel("Date", new() { Exact = true })).ToBeFocusedAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = $"Why ember-road in br on {date}" }).ClickAsync();

        await Expect(Page.Locator("#why-message")).ToHaveTextAsync(new Regex($"^ember-road in br on {date} \\(global\\): value "));
    }

    [Test]
    public async Task TitleWithFormats_ShowsTheFormatThePlanChoseBesideItsMode()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/franchise-decisions-2027.json"));
        var run = System.Text.Json.JsonDocument.Parse(await Host.GetTextAsync(TokenRole.Viewer, $"/api/runs/{runId}")).RootElement;
        var legacy = run.GetProperty("plan").GetProperty("titles").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "starfall-legacy");
        var shown = $"{legacy.GetProperty("mode").GetString()}, {legacy.GetProperty("format").GetString()}";
        await SignInAsync(TokenRole.Viewer);
        await RunButton(runId).ClickAsync();

        await Page.GetByLabel("Title contains").FillAsync("starfall-legacy");

        await Expect(Page.Locator("#releases caption")).ToHaveTextAsync(new Regex(@"^Releases: 4 of \d+$"));
        foreach (var row in await Rows.AllAsync())
        {
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(shown);
        }

        // The mode filter still reads the mode alone.
        await Page.GetByLabel("In mode", new() { Exact = true }).SelectOptionAsync(legacy.GetProperty("mode").GetString()!);
        await Expect(Rows).ToHaveCountAsync(4);
    }
}
