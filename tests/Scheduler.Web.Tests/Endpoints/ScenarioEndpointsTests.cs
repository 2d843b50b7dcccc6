using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;
using Scheduler.Workbooks.Slates;

namespace Scheduler.Web.Tests.Endpoints;

public class ScenarioEndpointsTests
{
    private WebHostFixture _host = null!;
    private HttpClient _planner = null!;
    private HttpClient _viewer = null!;

    private static IEnumerable<string> InvalidExamples()
        => Directory.EnumerateFiles(WebHostFixture.ScenarioPath(Path.Combine("scenarios", "invalid")), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order()!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _host = await WebHostFixture.StartAsync();
        _planner = _host.Client(TokenRole.Planner);
        _viewer = _host.Client(TokenRole.Viewer);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _planner.Dispose();
        _viewer.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostAsync(string file)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
        return await _planner.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);
    }

    [Test]
    public async Task Submit_Demo_Is201WithIdHashNameAndVariants()
    {
        var validated = await CommandLine.ValidateJsonAsync(Api.Demo);

        using var response = await PostAsync(Api.Demo);

        var body = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "sha256", "name", "variants" }));
            Assert.That(body.GetProperty("id").GetInt64(), Is.Positive);
            Assert.That(body.GetProperty("sha256").GetString(), Is.EqualTo(validated.GetProperty("sha256").GetString()));
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo(Api.DemoName));
            Assert.That(body.GetProperty("variants").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "one-release-per-day", "starfall-slips" }));
        }
    }

    [Test]
    public async Task Submit_SameBytesTwice_StoresOneVersion()
    {
        var first = await Api.SubmitAsync(_planner, Api.Demo);

        var second = await Api.SubmitAsync(_planner, Api.Demo);

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCaseSource(nameof(InvalidExamples))]
    public async Task Submit_InvalidExample_Is422WithTheErrorsOfValidateJson(string name)
    {
        var file = WebHostFixture.ScenarioPath(Path.Combine("scenarios", "invalid", $"{name}.json"));
        var expectedText = await File.ReadAllTextAsync(Path.ChangeExtension(file, ".expected.txt"));
        var validated = await CommandLine.ValidateJsonAsync(file);
        var errors = validated.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("message").GetString()!))
            .ToArray();

        using var response = await PostAsync(file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(errors, Is.Not.Empty);
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Invalid(expectedText.Split('\n')[0].Replace($"scenarios/invalid/{name}.json", "the request body", StringComparison.Ordinal), errors)));
        }
    }

    [Test]
    public async Task Submit_InvalidScenario_StoresNothing()
    {
        var before = await StoredCountAsync();

        using var response = await PostAsync(WebHostFixture.ScenarioPath(Path.Combine("scenarios", "invalid", "sequel-cycle.json")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await StoredCountAsync(), Is.EqualTo(before));
        }
    }

    private async Task<int> StoredCountAsync()
    {
        await using var database = await _host.OpenAsync();
        return (await database.Scenarios.ListAsync(500)).Count;
    }

    [Test]
    public async Task List_AfterTwoSubmissions_GivesNewestFirst()
    {
        var demo = await Api.SubmitAsync(_planner, Api.Demo);
        var formats = await Api.SubmitAsync(_planner, WebHostFixture.ScenarioPath(Path.Combine("scenarios", "release-formats-2027.json")));

        using var response = await _viewer.GetAsync(new Uri("/api/scenarios", UriKind.Relative));

        var rows = (await response.JsonAsync()).EnumerateArray().ToList();
        var ids = rows.Select(r => r.GetProperty("id").GetInt64()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ids, Is.Ordered.Descending);
            Assert.That(ids[0], Is.EqualTo(Math.Max(demo, formats)));
            Assert.That(ids, Is.SupersetOf(new[] { demo, formats }));
            Assert.That(rows[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "name", "sha256", "submittedAt", "submittedBy" }));
            Assert.That(rows.Single(r => r.GetProperty("id").GetInt64() == demo).GetProperty("name").GetString(), Is.EqualTo(Api.DemoName));
        }
    }

    [Test]
    public async Task List_Limit_GivesAtMostThatMany()
    {
        await Api.SubmitAsync(_planner, Api.Demo);
        await Api.SubmitAsync(_planner, WebHostFixture.ScenarioPath(Path.Combine("scenarios", "release-formats-2027.json")));

        using var response = await _viewer.GetAsync(new Uri("/api/scenarios?limit=1", UriKind.Relative));

        Assert.That((await response.JsonAsync()).GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Find_StoredScenario_GivesItWithItsVariants()
    {
        var id = await Api.SubmitAsync(_planner, Api.Demo);
        var validated = await CommandLine.ValidateJsonAsync(Api.Demo);

        using var response = await _viewer.GetAsync(new Uri($"/api/scenarios/{id}", UriKind.Relative));

        var body = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "name", "sha256", "submittedAt", "submittedBy", "variants" }));
            Assert.That(body.GetProperty("id").GetInt64(), Is.EqualTo(id));
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo(Api.DemoName));
            Assert.That(body.GetProperty("sha256").GetString(), Is.EqualTo(validated.GetProperty("sha256").GetString()));
            Assert.That(body.GetProperty("submittedAt").GetString(), Does.EndWith("Z"));
            Assert.That(body.GetProperty("submittedBy").GetString(), Is.EqualTo("token:paul-planner"));
            Assert.That(body.GetProperty("variants").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "one-release-per-day", "starfall-slips" }));
        }
    }

    [Test]
    public async Task Find_UnknownScenario_Is404()
    {
        using var response = await _viewer.GetAsync(new Uri("/api/scenarios/999999", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no scenario 999999.")));
        }
    }

    [Test]
    public async Task Submit_ScenarioRoundTrip_StoresTheSameBytes()
    {
        var id = await Api.SubmitAsync(_planner, Api.Demo);

        await using var database = await _host.OpenAsync();
        Assert.That(await database.Scenarios.ContentAsync(id), Is.EqualTo(await File.ReadAllBytesAsync(Api.Demo)));
    }

    [Test]
    public async Task Submit_ANewVersion_IsAuditedWithWhoSavedIt()
    {
        var slate = JsonNode.Parse(await File.ReadAllTextAsync(Api.Demo))!.AsObject();
        slate["description"] = $"saved by the audit test {Guid.NewGuid():N}";
        using var content = new StringContent(slate.ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await _planner.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);

        var id = (await response.JsonAsync()).GetProperty("id").GetInt64();
        await using var database = await _host.OpenAsync();
        var entry = (await database.PlanOfRecord.AuditAsync()).Last(e => e.Action == AuditAction.ScenarioSave);
        Assert.That((entry.Actor, entry.RunId, entry.Details), Is.EqualTo(("token:paul-planner", (long?)null, $"scenario {id} ({Api.DemoName})")));
    }

    [Test]
    public async Task Validate_AViewerAsksOfTheDemo_IsValidAndStoresNothing()
    {
        var before = await StoredCountAsync();
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Api.Demo));

        using var response = await _viewer.PostAsync(new Uri("/api/scenarios/validate", UriKind.Relative), content);

        var body = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(JsonSerializer.Serialize(body), Is.EqualTo(
                $$"""{"valid":true,"name":"{{Api.DemoName}}","variants":["one-release-per-day","starfall-slips"],"errors":[],"errorCount":0}"""));
            Assert.That(await StoredCountAsync(), Is.EqualTo(before));
        }
    }

    [TestCaseSource(nameof(InvalidExamples))]
    public async Task Validate_InvalidExample_GivesTheErrorsOfValidateJson(string name)
    {
        var file = WebHostFixture.ScenarioPath(Path.Combine("scenarios", "invalid", $"{name}.json"));
        var validated = await CommandLine.ValidateJsonAsync(file);
        var expected = validated.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString()))
            .ToArray();
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));

        using var response = await _viewer.PostAsync(new Uri("/api/scenarios/validate", UriKind.Relative), content);

        var body = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("valid").GetBoolean(), Is.False);
            Assert.That(body.GetProperty("errorCount").GetInt32(), Is.EqualTo(expected.Length));
            Assert.That(
                body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString())),
                Is.EqualTo(expected.Take(200)));
        }
    }

    [Test]
    public async Task Document_StoredScenario_GivesItsBytesToDownload()
    {
        var id = await Api.SubmitAsync(_planner, Api.Demo);

        using var response = await _viewer.GetAsync(new Uri($"/api/scenarios/{id}/document", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo($"scenario-{id}.json"));
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(await File.ReadAllBytesAsync(Api.Demo)));
        }
    }

    [Test]
    public async Task Document_UnknownScenario_Is404()
    {
        using var response = await _viewer.GetAsync(new Uri("/api/scenarios/999999/document", UriKind.Relative));

        Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no scenario 999999.")));
    }

    [Test]
    public async Task Submit_SlateWorkbook_StoresTheScenarioDocumentItStandsFor()
    {
        using var content = new ByteArrayContent(SlateWorkbooks.Export(await File.ReadAllBytesAsync(Api.Demo)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(SlateWorkbooks.ContentType);

        using var response = await _planner.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);
        var body = await response.JsonAsync();
        using var stored = await _viewer.GetAsync(new Uri($"/api/scenarios/{body.GetProperty("id").GetInt64()}/document", UriKind.Relative));
        var document = JsonNode.Parse(await stored.Content.ReadAsStringAsync())!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo(Api.DemoName));
            Assert.That(body.GetProperty("variants").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "one-release-per-day", "starfall-slips" }));
            Assert.That(document["titles"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()), Is.EqualTo(
                JsonNode.Parse(await File.ReadAllTextAsync(Api.Demo))!["titles"]!.AsArray().Select(t => t!["id"]!.GetValue<string>())));
        }
    }

    [Test]
    public async Task Submit_SlateWorkbookWithABrokenCell_Is422NamingTheCell()
    {
        var demo = JsonNode.Parse(await File.ReadAllTextAsync(Api.Demo))!;
        demo["titles"]![1]!["demand"] = "lots";
        using var content = new ByteArrayContent(SlateWorkbooks.Export(Encoding.UTF8.GetBytes(demo.ToJsonString())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(SlateWorkbooks.ContentType);

        using var response = await _planner.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);
        var body = await response.JsonAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(422), body.ToString());
            Assert.That(body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString())), Is.EqualTo(new[]
            {
                ("Titles!E3, column \"demand\" ($.titles[1].demand)", "must be a number, not 'lots'"),
            }));
        }
    }
}
