using Microsoft.Playwright;
using Scheduler.Storage;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>The calendar as a planner works in it: zoomed from a year to a month, across the whole page, scrolled by keyboard.</summary>
[NonParallelizable]
public sealed class CalendarPageTests : PageTest
{
    [Test]
    public async Task ZoomFullWidthAndKeyboard_ShowTheHorizonAsAsked()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(TokenRole.Viewer);
        await RunButton(runId).ClickAsync();
        var calendar = Report.GetByRole(AriaRole.Img, new() { Name = "Release calendar" });
        await Expect(calendar).ToHaveAttributeAsync("width", $"{4 + (14 * 26) + 120}");

        await Page.GetByLabel("Zoom").SelectOptionAsync("month");
        await Expect(calendar).ToHaveAttributeAsync("width", $"{4 + (14 * 250) + 120}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Full width" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Full width" })).ToHaveAttributeAsync("aria-pressed", "true");
        var frame = (await Page.Locator("#report").BoundingBoxAsync())!;
        Assert.That(frame.Width, Is.GreaterThan(1200), "the calendar takes the page's width");

        var scroller = Report.GetByRole(AriaRole.Region, new() { Name = "Release calendar, scrolls sideways with the arrow keys" });
        await scroller.FocusAsync();
        for (var press = 0; press < 10; press++)
        {
            await Page.Keyboard.PressAsync("ArrowRight");
        }

        var scrolled = 0.0;
        for (var tries = 0; tries < 50 && scrolled <= 200; tries++)
        {
            await Task.Delay(100);
            scrolled = await scroller.EvaluateAsync<double>("e => e.scrollLeft");
        }

        Assert.That(scrolled, Is.GreaterThan(200), "the arrow keys scroll the calendar sideways");
    }
}
