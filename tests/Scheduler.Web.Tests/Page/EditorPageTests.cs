using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Scheduler.Web.Tests.Page;

/// <summary>
/// The slate editor, driven as a planner would: a window made impossible shows its error beside the
/// row and its cells, a wrong number beside its cell; fixed and saved, it is a new audited version
/// that keeps every field the tables do not show; edits kept as a variant are planned with the base.
/// </summary>
[NonParallelizable]
public sealed class EditorPageTests : PageTest
{
    private static readonly string Demo = WebHostFixture.ScenarioPath("scenarios/demo.json");

    private async Task<long> OpenDemoInTheEditorAsync(TokenRole role)
    {
        var id = await Host.StoreScenarioAsync("scenarios/demo.json");
        await SignInAsync(role);
        await Page.GetByText("Stored scenarios", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Edit scenario {id}: Demo: spring 2027" }).ClickAsync();
        await Expect(Page.Locator("#editor-heading")).ToHaveTextAsync($"Edit the slate: scenario {id}, Demo: spring 2027");
        await Expect(Page.Locator("#editor-status")).ToHaveTextAsync("Valid.");
        return id;
    }

    private ILocator Cell(string label) => Page.GetByLabel(label, new() { Exact = true });

    [Test]
    public async Task ImpossibleWindow_ShowsTheErrorBesideIt_FixedAndSaved_IsANewAuditedVersionKeepingEveryOtherField()
    {
        var before = await OpenDemoInTheEditorAsync(TokenRole.Planner);

        await Cell("title glasshouse-part-1: Latest").FillAsync("2027-03-01");

        await Expect(Page.Locator("#editor-status")).ToHaveTextAsync("1 error, beside the cells they name. Not saved yet.");
        var rowErrors = Page.Locator("#editor-titles tr.row-errors:visible");
        await Expect(rowErrors).ToHaveTextAsync(
            "title 'glasshouse-part-1' has no dates to release on: its window starts on 2027-03-05 (earliest) but ends on 2027-03-01 (latest)");
        await Expect(Cell("title glasshouse-part-1: Latest")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Cell("title glasshouse-part-1: Earliest")).ToHaveAttributeAsync("aria-invalid", "true");

        await Cell("title glasshouse-part-1: Latest").FillAsync("2027-05-28");
        await Expect(Page.Locator("#editor-status")).ToHaveTextAsync("Valid. Not saved yet.");
        await Expect(rowErrors).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();

        await Expect(Page.Locator("#editor-status")).ToHaveTextAsync(new Regex(@"^Saved as scenario (\d+): Demo: spring 2027\. The audit log names you as its saver\.$"));
        var saved = long.Parse(Regex.Match((await Page.Locator("#editor-status").TextContentAsync())!, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Demo))!;
        expected["titles"]![2]!["latest"] = "2027-05-28";
        var stored = JsonNode.Parse(await Host.GetTextAsync(TokenRole.Viewer, $"/api/scenarios/{saved}/document"));
        await using var database = await Host.OpenAsync();
        var audit = (await database.PlanOfRecord.AuditAsync()).Last(e => e.Action == AuditAction.ScenarioSave);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved, Is.Not.EqualTo(before));
            Assert.That(JsonNode.DeepEquals(stored, expected), Is.True, stored!.ToJsonString());
            Assert.That((audit.Actor, audit.Details), Is.EqualTo(("token:paul-planner", $"scenario {saved} (Demo: spring 2027)")));
        }
    }

    [Test]
    public async Task NotANumber_ShowsTheErrorBesideItsCell()
    {
        await OpenDemoInTheEditorAsync(TokenRole.Viewer);

        await Cell("title ember-road: Demand").FillAsync("lots");

        var cell = Page.Locator("td.invalid");
        await Expect(cell).ToHaveCountAsync(1);
        await Expect(cell.Locator(".cell-error")).ToHaveTextAsync("expected a number, found the string \"lots\"");
        await Expect(cell.GetByRole(AriaRole.Textbox)).ToHaveAccessibleDescriptionAsync("Error: expected a number, found the string \"lots\"");
    }

    [Test]
    public async Task Viewer_MayCheckAndDownloadButNotSave()
    {
        await OpenDemoInTheEditorAsync(TokenRole.Viewer);

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Button, new() { Name = "Download JSON" }).ClickAsync());

        var path = await download.PathAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(download.SuggestedFilename, Is.EqualTo("demo-spring-2027.json"));
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(path)), JsonNode.Parse(await File.ReadAllTextAsync(Demo))), Is.True);
            Assert.That(await Page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).IsVisibleAsync(), Is.False);
            Assert.That(await Page.GetByRole(AriaRole.Button, new() { Name = "Save the edits as a variant" }).IsVisibleAsync(), Is.False);
        }
    }

    [Test]
    public async Task NewScenario_AddDuplicateAndRemoveRows_SavesWhatTheTablesSay()
    {
        await SignInAsync(TokenRole.Planner);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Write a new scenario in the editor" }).ClickAsync();
        await Expect(Page.Locator("#editor-status")).ToHaveTextAsync("Valid.");

        await Cell("the scenario: Name").FillAsync("Editor test slate");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add a title" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Duplicate title new-title-2" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove title first-title" }).ClickAsync();
        await Cell("title new-title-2-copy: Demand").FillAsync("7.5");
        await Expect(Page.Locator("#editor-titles caption")).ToHaveTextAsync("Titles (2)");
        await Expect(Page.Locator("#editor-status")).ToHaveTextAsync("Valid. Not saved yet.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();

        await Expect(Page.Locator("#editor-status")).ToHaveTextAsync(new Regex("^Saved as scenario \\d+: Editor test slate\\."));
        var saved = Regex.Match((await Page.Locator("#editor-status").TextContentAsync())!, @"\d+").Value;
        var stored = JsonNode.Parse(await Host.GetTextAsync(TokenRole.Viewer, $"/api/scenarios/{saved}/document"))!;
        Assert.That(
            stored["titles"]!.AsArray().Select(t => (t!["id"]!.GetValue<string>(), t["demand"]!.GetValue<double>())),
            Is.EqualTo(new[] { ("new-title-2", 1.0), ("new-title-2-copy", 7.5) }));
    }

    [Test]
    public async Task EditsKeptAsAVariant_PlannedWithTheBase_ShowTheVariantsMovesAndItsCalendar()
    {
        var before = await OpenDemoInTheEditorAsync(TokenRole.Planner);
        await Cell("title kitchen-wars: Earliest").FillAsync("2027-05-21");
        await Expect(Page.Locator("#editor-status")).ToHaveTextAsync("Valid. Not saved yet.");

        await Page.GetByLabel("Variant id", new() { Exact = true }).FillAsync("kitchen-late");
        await Page.GetByLabel("Description", new() { Exact = true }).FillAsync("The kitchen show's edit runs late.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save the edits as a variant" }).ClickAsync();

        await Expect(Page.Locator("#variant-message")).ToHaveTextAsync(new Regex(@"^Stored as scenario \d+, its base unchanged, with variant 'kitchen-late' \(titles changed\)\.$"));
        var saved = Regex.Match((await Page.Locator("#variant-message").TextContentAsync())!, @"\d+").Value;
        var stored = JsonNode.Parse(await Host.GetTextAsync(TokenRole.Viewer, $"/api/scenarios/{saved}/document"))!;
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Demo))!;
        expected["variants"]!.AsArray().Add(JsonNode.Parse(
            """{ "id": "kitchen-late", "changes": { "titles": [{ "id": "kitchen-wars", "earliest": "2027-05-21" }] }, "description": "The kitchen show's edit runs late." }"""));
        Assert.That(JsonNode.DeepEquals(stored, expected), Is.True, stored.ToJsonString());

        await Page.GetByLabel("Time limit per plan (seconds)").FillAsync("2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Plan the base with all its variants" }).ClickAsync();

        await Expect(Page.Locator("#whatif-message")).ToHaveTextAsync("Planned: each variant against the base.", new() { Timeout = 90_000 });

        // The runs shown are those the comparison stored, as the API names them.
        var compared = (await Host.SendAsync(TokenRole.Viewer, HttpMethod.Get, "/api/runs")).EnumerateArray().Where(r => r.GetProperty("trigger").GetString() == "compare").ToList();
        var variantRun = compared.Single(r => r.GetProperty("variant").GetString() == "kitchen-late").GetProperty("id").GetInt64();
        var baseRun = compared.Where(r => r.GetProperty("variant").ValueKind == JsonValueKind.Null).Max(r => r.GetProperty("id").GetInt64());
        await Expect(Page.Locator("#whatif-result > p").First).ToContainTextAsync($"(run {baseRun}).");
        var variant = Page.GetByRole(AriaRole.Region, new() { Name = "Variant kitchen-late" });
        await Expect(variant.GetByRole(AriaRole.Heading)).ToHaveTextAsync(new Regex(@"^Variant kitchen-late: \w+, objective [+-]\d+\.\d{3}$"));
        await Expect(variant.Locator("tbody tr").Filter(new() { HasText = "kitchen-wars" }).First).ToBeVisibleAsync();
        await variant.GetByRole(AriaRole.Button, new() { Name = $"Show variant kitchen-late (run {variantRun}) on the calendar against the base (run {baseRun})" }).ClickAsync();
        await Expect(Report.Locator("h1")).ToHaveTextAsync($"Run {variantRun} against run {baseRun}");
        Assert.That(long.Parse(saved, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(before));
    }

    [Test]
    public async Task VariantChanges_AreWrittenAsTheScenarioFormatAppliesThem()
    {
        var before = """
            { "name": "s", "capacity": { "perDay": 2, "tentpolesPerDay": 1 }, "releaseDays": ["friday"],
              "titles": [ { "id": "a", "demand": 1, "readiness": { "uk": "2027-03-05", "us": "2027-03-12" } }, { "id": "b", "demand": 2 } ],
              "events": [ { "id": "e", "impact": 0.2 } ], "variants": [ { "id": "v", "changes": {} } ] }
            """;
        var after = """
            { "name": "s", "capacity": { "perDay": 1, "tentpolesPerDay": 1 }, "releaseDays": ["friday", "thursday"],
              "titles": [ { "id": "a", "demand": 1, "readiness": { "uk": "2027-03-05" } }, { "id": "c", "demand": 3 } ],
              "events": [ { "id": "e", "impact": 0.2 } ], "variants": [] }
            """;

        // As JSON text: the browser's own serialization of an object adds ids of its own.
        var changes = await Page.EvaluateAsync<string>(
            $"async () => JSON.stringify((await import('/assets/merge-patch.js')).variantChanges({before}, {after}))");
        var none = await Page.EvaluateAsync<string>(
            $"async () => JSON.stringify((await import('/assets/merge-patch.js')).variantChanges({before}, {before}))");

        // A field cleared and typed again is written last: the same value in another order is no change.
        var reordered = before.Replace("\"perDay\": 2, \"tentpolesPerDay\": 1", "\"tentpolesPerDay\": 1, \"perDay\": 2", StringComparison.Ordinal)
            .Replace("\"id\": \"b\", \"demand\": 2", "\"demand\": 2, \"id\": \"b\"", StringComparison.Ordinal);
        var reorderedChanges = await Page.EvaluateAsync<string>(
            $"async () => JSON.stringify((await import('/assets/merge-patch.js')).variantChanges({before}, {reordered}))");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(changes), JsonNode.Parse("""
                { "capacity": { "perDay": 1 }, "releaseDays": ["friday", "thursday"],
                  "titles": [ { "id": "a", "readiness": { "us": null } }, { "id": "c", "demand": 3 }, { "id": "b", "remove": true } ] }
                """)), Is.True, changes);
            Assert.That(none, Is.EqualTo("null"));
            Assert.That(reordered, Is.Not.EqualTo(before));
            Assert.That(reorderedChanges, Is.EqualTo("null"));
        }
    }
}
