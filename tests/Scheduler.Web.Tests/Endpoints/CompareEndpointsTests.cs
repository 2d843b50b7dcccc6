using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

public class CompareEndpointsTests
{
    private WebHostFixture _host = null!;
    private HttpClient _planner = null!;
    private long _demo;
    private HttpStatusCode _status;
    private string? _contentType;
    private JsonElement _comparison;
    private JsonElement _cli;
    private List<JsonElement> _stored = [];

    [OneTimeSetUp]
    public async Task CompareTheDemoOverHttpAndInTheShell()
    {
        _host = await WebHostFixture.StartAsync();
        _planner = _host.Client(TokenRole.Planner);
        _demo = await Api.SubmitAsync(_planner, Api.Demo);
        var newestBefore = (await Api.PlanAsync(_planner, _demo, 1)).GetProperty("id").GetInt64();

        using (var response = await _planner.PostAsJsonAsync(new Uri("/api/compare", UriKind.Relative), new { scenarioId = _demo, variants = new[] { "starfall-slips" }, timeLimitSeconds = 2 }))
        {
            _status = response.StatusCode;
            _contentType = response.Content.Headers.ContentType?.MediaType;
            _comparison = await response.JsonAsync();
        }

        using (var runs = await _planner.GetAsync(new Uri("/api/runs", UriKind.Relative)))
        {
            _stored = [.. (await runs.JsonAsync()).EnumerateArray().Where(r => r.GetProperty("id").GetInt64() > newestBefore)];
        }

        var (_, output, error) = await CommandLine.RunAsync("compare", Api.Demo, "--variant", "starfall-slips", "--time-limit", "2", "--json", "--no-save");
        Assert.That(output, Is.Not.Empty, error);
        using var cli = JsonDocument.Parse(output);
        _cli = cli.RootElement.Clone();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _planner.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>Every property path of <paramref name="element"/> (arrays by their first element), in order: the JSON's shape without its values.</summary>
    private static IEnumerable<string> Shape(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return $"{path}.{property.Name}";
                    foreach (var inner in Shape(property.Value, $"{path}.{property.Name}"))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array when element.GetArrayLength() > 0:
                foreach (var inner in Shape(element[0], $"{path}[0]"))
                {
                    yield return inner;
                }

                break;
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _planner.PostAsync(new Uri("/api/compare", UriKind.Relative), content);
    }

    [Test]
    public void Compare_Variant_AnswersWhatCompareJsonPrintsWithTheRuns()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_status, Is.EqualTo(HttpStatusCode.OK), _comparison.ToString());
            Assert.That(_contentType, Is.EqualTo("application/json"));
            Assert.That(_comparison.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "base", "variants" }));
            Assert.That(
                _comparison.GetProperty("variants")[0].EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "id", "status", "kpis", "delta", "moved", "added", "dropped", "modeChanges", "summary", "errors", "run" }));

            // compare --json --no-save stores nothing, and names no run.
            Assert.That(Shape(_comparison).Where(p => p is not ("$.base.run" or "$.variants[0].run")).ToList(), Is.EqualTo(Shape(_cli).ToList()));
        }
    }

    [Test]
    public void Compare_Variant_NamesTheStoredRunOfTheBaseAndOfTheVariant()
    {
        var stored = _stored.ToDictionary(r => r.GetProperty("variant").GetString() ?? "", r => r.GetProperty("id").GetInt64());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Keys, Is.EquivalentTo(new[] { "", "starfall-slips" }));
            Assert.That(_comparison.GetProperty("base").GetProperty("run").GetInt64(), Is.EqualTo(stored[""]));
            Assert.That(_comparison.GetProperty("variants")[0].GetProperty("run").GetInt64(), Is.EqualTo(stored["starfall-slips"]));
        }
    }

    [Test]
    public void Compare_Variant_GivesTheBaseAndTheVariantsMoves()
    {
        var variant = _comparison.GetProperty("variants").EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_comparison.GetProperty("base").GetProperty("status").GetString(), Is.AnyOf("optimal", "feasible"));
            Assert.That(_comparison.GetProperty("base").GetProperty("kpis").GetProperty("releases").GetInt32(), Is.EqualTo(23));
            Assert.That(_comparison.GetProperty("base").GetProperty("scenario").GetProperty("name").GetString(), Is.EqualTo(Api.DemoName));
            Assert.That(variant.GetProperty("id").GetString(), Is.EqualTo("starfall-slips"));
            Assert.That(variant.GetProperty("status").GetString(), Is.AnyOf("optimal", "feasible"));
            Assert.That(variant.GetProperty("moved").EnumerateArray().Select(m => m.GetProperty("title").GetString()).Distinct(), Is.EqualTo(new[] { "starfall-protocol" }));
            Assert.That(variant.GetProperty("errors").GetArrayLength(), Is.Zero);
            Assert.That(Api.Normalized(variant.GetProperty("moved")), Is.EqualTo(Api.Normalized(_cli.GetProperty("variants")[0].GetProperty("moved"))));
        }
    }

    [Test]
    public void Compare_Variant_StoresTheBaseAndVariantRuns()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_stored.Select(r => r.GetProperty("trigger").GetString()), Is.EqualTo(new[] { "compare", "compare" }));
            Assert.That(_stored.Select(r => r.GetProperty("variant").GetString()), Is.EquivalentTo(new[] { null, "starfall-slips" }));
            Assert.That(_stored.Select(r => r.GetProperty("scenario").GetString()), Has.All.EqualTo(Api.DemoName));
            Assert.That(_stored.Select(r => r.GetProperty("status").GetString()), Has.All.AnyOf("optimal", "feasible"));
        }
    }

    [Test]
    public async Task Compare_UnknownVariant_IsReportedAtTheRequestsVariants()
    {
        using var response = await PostAsync($$"""{ "scenarioId": {{_demo}}, "variants": ["nope"], "timeLimitSeconds": 1 }""");

        var variant = (await response.JsonAsync()).GetProperty("variants").EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(variant.GetProperty("id").GetString(), Is.EqualTo("nope"));
            Assert.That(variant.GetProperty("status").GetString(), Is.EqualTo("invalid"));
            Assert.That(Api.Normalized(variant.GetProperty("errors")), Is.EqualTo(Api.Normalized("""[{ "path": "$.variants", "message": "the scenario has no variant 'nope'" }]""")));
            Assert.That(variant.TryGetProperty("run", out _), Is.False, "a variant that is not planned has no run");
        }
    }

    [Test]
    public async Task Compare_BaseWithCandidatesNeedingMoreThanTheMemoryLimit_Is422AtTheScenarioIdAndStoresNothing()
    {
        await using var host = await WebHostFixture.StartAsync(serve: serve => serve with { MemoryLimit = 200L << 20 });
        using var planner = host.Client(TokenRole.Planner);
        var demo = await Api.SubmitAsync(planner, Api.Demo);

        using var response = await planner.PostAsJsonAsync(new Uri("/api/compare", UriKind.Relative), new { scenarioId = demo, timeLimitSeconds = 1 });

        const string message = "Scenario 'Demo: spring 2027' implies 352 candidate releases (titles x regions x allowed dates), which need about 206 MB of memory; planning may use 200 MB (--max-memory, else what this process may use). "
            + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter).";
        await using var database = await host.OpenAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"The comparison cannot be made: $.scenarioId: {message}", ("$.scenarioId", message))));
            Assert.That(await database.Runs.ListAsync(10), Is.Empty);
        }
    }

    [Test]
    public async Task Compare_UnknownScenario_Is422AtTheScenarioId()
    {
        using var response = await PostAsync("""{ "scenarioId": 999999 }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Invalid("The comparison cannot be made: $.scenarioId: there is no scenario 999999", ("$.scenarioId", "there is no scenario 999999"))));
        }
    }

    [TestCase("\"one\"")]
    [TestCase("1.5")]
    public async Task Compare_ScenarioIdNotAnId_Is422AtTheScenarioId(string id)
    {
        using var response = await PostAsync($$"""{ "scenarioId": {{id}} }""");

        const string message = "required: the id of a stored scenario (POST /api/scenarios gives it)";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"The comparison cannot be made: $.scenarioId: {message}", ("$.scenarioId", message))));
        }
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("3601")]
    [TestCase("1e400")]
    public async Task Compare_TimeLimitOutOfRange_Is422AtTheTimeLimit(string limit)
    {
        using var response = await PostAsync($$"""{ "scenarioId": {{_demo}}, "timeLimitSeconds": {{limit}} }""");

        const string message = "must be a number of seconds greater than 0 and at most 3600";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"The comparison cannot be made: $.timeLimitSeconds: {message}", ("$.timeLimitSeconds", message))));
        }
    }

    [Test]
    public async Task Compare_UnknownField_Is422WithTheNearestField()
    {
        using var response = await PostAsync($$"""{ "scenarioId": {{_demo}}, "variant": ["starfall-slips"] }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Invalid("The comparison cannot be made: $.variant: unknown field; did you mean variants?", ("$.variant", "unknown field; did you mean variants?"))));
        }
    }

    [Test]
    public async Task Compare_VariantsNotAList_Is422AtTheVariants()
    {
        using var response = await PostAsync($$"""{ "scenarioId": {{_demo}}, "variants": "starfall-slips" }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Invalid("The comparison cannot be made: $.variants: must be a list of variant ids", ("$.variants", "must be a list of variant ids"))));
        }
    }
}
