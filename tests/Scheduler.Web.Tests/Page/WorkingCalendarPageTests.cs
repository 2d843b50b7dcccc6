using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Storage;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// The working calendar as a planner uses it: a release dragged onto a Saturday shows the rule it
/// breaks; one taken where it stands says why it is there, and moved a week on with the keyboard
/// shows what the move costs.
/// </summary>
[NonParallelizable]
public sealed class WorkingCalendarPageTests : PageTest
{
    // The demo's horizon, 2027-03-01 to 2027-05-31: 92 days drawn across 1,100 pixels after the 120 of the region names.
    private const double DayWidth = 1100.0 / 92;

    private async Task<Dictionary<string, string>> OpenDemoRunAsync()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        var plan = (await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}")).GetProperty("plan");
        await SignInAsync(TokenRole.Viewer);
        await RunButton(runId).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Working calendar" })).ToBeVisibleAsync();
        return plan.GetProperty("releases").EnumerateArray().Where(r => r.GetProperty("region").GetString() == "us")
            .ToDictionary(r => r.GetProperty("title").GetString()!, r => r.GetProperty("date").GetString()!);
    }

    private ILocator Marker(string title, string date) => Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(title)} in us, \\w+, on {date}") });

    [Test]
    public async Task DragOntoASaturday_ShowsTheReleaseDayRuleItBreaks()
    {
        var dates = await OpenDemoRunAsync();
        var from = DateOnly.Parse(dates["ember-road"], CultureInfo.InvariantCulture);
        var saturday = from.AddDays(8);
        var marker = Marker("ember-road", dates["ember-road"]);
        await marker.ScrollIntoViewIfNeededAsync();
        var box = (await marker.BoundingBoxAsync())!;
        var (x, y) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));

        await Page.Mouse.MoveAsync((float)x, (float)y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync((float)(x + (8 * DayWidth)), (float)y, new() { Steps = 8 });
        await Page.Mouse.UpAsync();

        await Expect(Page.Locator("#move-date")).ToHaveValueAsync(saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(Page.Locator("#move-region")).ToHaveValueAsync("", new() { Timeout = 5000 });
        await Expect(Page.Locator("#move-message")).ToHaveTextAsync(new Regex(@"^The move breaks \d+ rules?: objective "));
        await Expect(Page.GetByRole(AriaRole.List, new() { Name = "Rules the move breaks" }).GetByRole(AriaRole.Listitem)
            .Filter(new() { HasText = $"title 'ember-road' is released in 'us' on {saturday:yyyy-MM-dd}, a Saturday, not a release day there" })).ToHaveCountAsync(1);
    }

    [Test]
    public async Task KeyboardEnterWhereItStandsThenAWeekOn_SaysWhyThenChecksTheMove()
    {
        var dates = await OpenDemoRunAsync();
        var to = DateOnly.Parse(dates["kitchen-wars"], CultureInfo.InvariantCulture).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var marker = Marker("kitchen-wars", dates["kitchen-wars"]);

        await marker.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#why-message")).ToHaveTextAsync(new Regex($"^kitchen-wars in \\w+ on {dates["kitchen-wars"]} \\(\\w+\\): value "));
        await Page.Keyboard.PressAsync("Shift+ArrowRight");
        await Expect(marker).ToHaveAttributeAsync("aria-label", new Regex($": move to {to}, a Friday\\?$"));
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#move-date")).ToHaveValueAsync(to);
        await Expect(Page.Locator("#move-title")).ToHaveValueAsync("kitchen-wars");
        await Expect(Page.Locator("#move-message")).ToHaveTextAsync(new Regex(@"^The move (keeps every rule|breaks \d+ rules?): objective [+-]?\d+\.\d{3} \(value "));
    }
}
