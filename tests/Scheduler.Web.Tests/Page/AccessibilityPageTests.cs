using System.Text.Json;
using Microsoft.Playwright;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// axe-core (npm, installed by <c>.ci/setup</c>) injected into each view of the page: none may
/// have a violation of serious or critical impact. The calendar itself is a sandboxed frame
/// without scripts; its HTML report is checked on its own page.
/// </summary>
[NonParallelizable]
public sealed class AccessibilityPageTests : PageTest
{
    private static readonly string AxeScript = Path.Combine(WebHostFixture.RepositoryRoot, ".ci", "tools", "node_modules", "axe-core", "axe.min.js");

    // axe is injected as a script of its own, which the page's policy would refuse.
    protected override bool BypassContentSecurityPolicy => true;

    /// <summary>Each serious or critical violation of the page as it stands: rule, impact and the first element.</summary>
    private async Task<List<string>> SeriousViolationsAsync()
    {
        Assert.That(File.Exists(AxeScript), Is.True, $"{AxeScript} is missing: run .ci/setup");
        await Page.AddScriptTagAsync(new() { Path = AxeScript });
        var result = await Page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { iframes: false })).violations");
        return [.. result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("nodes")[0].GetProperty("html").GetString()}")];
    }

    [Test]
    public async Task SignedOut_HasNoSeriousViolation()
        => Assert.That(await SeriousViolationsAsync(), Is.Empty);

    [Test]
    public async Task RunWithItsWorkbench_CheckAndFitAnswered_HasNoSeriousViolation()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        await SignInAsync(TokenRole.Planner);
        await RunButton(runId).ClickAsync();
        await Page.GetByLabel("Title", new() { Exact = true }).SelectOptionAsync("ember-road");
        await Page.GetByLabel("Date", new() { Exact = true }).FillAsync("2027-04-17");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check move" }).ClickAsync();
        await Expect(Page.Locator("#move-violations li").First).ToBeVisibleAsync();
        await Page.GetByLabel("Title id").FillAsync("kitchen-wars");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find options" }).ClickAsync();
        await Expect(Page.Locator("#fit-options tbody tr").First).ToBeVisibleAsync();

        Assert.That(await SeriousViolationsAsync(), Is.Empty);
    }

    [Test]
    public async Task SlateEditor_WithAnErrorBesideACellAndTheWhatIf_HasNoSeriousViolation()
    {
        var id = await Host.StoreScenarioAsync("scenarios/demo.json");
        await SignInAsync(TokenRole.Planner);
        await Page.GetByText("Stored scenarios", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Edit scenario {id}: Demo: spring 2027" }).ClickAsync();
        await Page.GetByLabel("title glasshouse-part-1: Latest", new() { Exact = true }).FillAsync("2027-03-01");
        await Page.GetByLabel("title ember-road: Demand", new() { Exact = true }).FillAsync("lots");
        await Expect(Page.Locator("td.invalid .cell-error")).ToHaveCountAsync(1);

        Assert.That(await SeriousViolationsAsync(), Is.Empty);
    }

    [Test]
    public async Task CalendarReport_OnItsOwn_HasNoSeriousViolation()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        var html = await Host.GetTextAsync(TokenRole.Viewer, $"/api/runs/{runId}/report");
        await Page.SetContentAsync(html);

        Assert.That(await SeriousViolationsAsync(), Is.Empty);
    }
}
