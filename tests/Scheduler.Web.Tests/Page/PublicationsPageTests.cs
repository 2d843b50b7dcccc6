using System.Globalization;
using Scheduler.Storage;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// The publications as the page shows them: the counts and the total are the API's, which counts
/// every drop of the plan of record, not the page of drops it lists.
/// </summary>
[NonParallelizable]
public sealed class PublicationsPageTests : PageTest
{
    private const int PageSize = 3;

    [Test]
    public async Task PlanOfRecordWithMoreDropsThanAPage_ShowsTheApisCountsAndTotal()
    {
        var runId = await Host.PlanAsync(await Host.StoreScenarioAsync("scenarios/demo.json"));
        var adopted = await Host.SendAsync(TokenRole.Admin, HttpMethod.Post, $"/api/runs/{runId}/adopt");
        Assert.That(adopted.GetProperty("adopted").GetBoolean(), Is.True, adopted.ToString());

        // The page asks for the default page; here that page is made smaller than the plan's drops.
        await Page.RouteAsync("**/api/publications", route => route.ContinueAsync(new() { Url = $"{route.Request.Url}?limit={PageSize}" }));
        await SignInAsync(TokenRole.Viewer);

        var status = await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, $"/api/publications?limit={PageSize}");
        var counts = status.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var total = counts["total"];
        Assert.That(total, Is.GreaterThan(PageSize), "the demo has more drops than the page");

        await Expect(Page.Locator("#pubs-body tr")).ToHaveCountAsync(PageSize);
        await Expect(Page.Locator("#pubs-summary")).ToHaveTextAsync($"Plan of record: run {runId}, {total} drops. The first {PageSize} are listed.");
        await Expect(Page.Locator("#publication-counts li")).ToHaveTextAsync(
            [.. counts.Where(c => c.Key != "total").Select(c => $"{char.ToUpperInvariant(c.Key[0])}{c.Key[1..]} {c.Value.ToString(CultureInfo.InvariantCulture)}")]);
        await Expect(Page.Locator("#count-upcoming")).ToHaveTextAsync(counts["upcoming"].ToString(CultureInfo.InvariantCulture));
    }
}
