using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Core.Generation;
using Scheduler.Storage;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// A planner follows a long run from anywhere on the page (the header keeps its progress in view)
/// and stops it once it has a plan: it ends done with that plan, and its calendar is shown.
/// </summary>
[NonParallelizable]
public sealed class RunStopPageTests : PageTest
{
    [Test]
    public async Task StartFollowThenStop_EndsDoneWithTheBestPlanFoundAndShowsIt()
    {
        // A contended slate of 100 titles in 12 regions: more than a few seconds of solving on two cores.
        var slate = ScenarioGenerator.Generate(new GeneratorOptions(100, 12, 1, 2027, 1, Contention.High));
        var scenarioId = await Host.StoreScenarioAsync(Encoding.UTF8.GetBytes(slate.ToJsonString()));
        await SignInAsync(TokenRole.Planner);
        await Page.GetByText("Stored scenarios", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Plan scenario {scenarioId}:" }).ClickAsync();
        await Page.GetByLabel("Time limit (seconds)").FillAsync("120");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start plan" }).ClickAsync();
        await Expect(Page.Locator("#progress-run")).Not.ToBeEmptyAsync();
        var runId = await Page.Locator("#progress-run").TextContentAsync();
        await Expect(Page.Locator("#progress-incumbent")).ToHaveTextAsync(new Regex(@"\d"), new() { Timeout = 60_000 });
        await Page.Locator("#publications").ScrollIntoViewIfNeededAsync();
        await Expect(Page.Locator("#header-progress")).ToHaveTextAsync(new Regex($@"^Run {runId}: running · .* · objective \d+\.\d · \d+\.\d s of 120 s$"));
        await Expect(Page.Locator("#header-progress")).ToBeInViewportAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Stop, keeping the best plan" }).ClickAsync();

        await Expect(Page.Locator("#progress-message")).ToHaveTextAsync(new Regex(
            $@"^Run {runId} is done: feasible\. .*told to finish now by token:paul-planner: the best plan found by then, not searched to its time limit$"), new() { Timeout = 60_000 });
        await Expect(Report.Locator("h1")).ToContainTextAsync($"run {runId}");
        await Expect(Page.Locator("#header-progress")).ToBeEmptyAsync();
        var run = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/runs/{runId}");
        Assert.That((run.GetProperty("state").GetString(), run.GetProperty("plan").GetProperty("releases").GetArrayLength() > 0), Is.EqualTo(("done", true)));
    }
}
