using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Application.Execution;
using Scheduler.Core.Loading;
using Scheduler.Core.Validation;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary><c>POST /api/runs</c> refuses what cannot be planned with a 422 naming each wrong field, and queues nothing.</summary>
public sealed class RunRequestTests : OneHostTests
{
    private long _demo;

    protected override TokenRole? Role => TokenRole.Planner;

    [OneTimeSetUp]
    public async Task SubmitTheDemo() => _demo = await Api.SubmitAsync(Caller, Api.Demo);

    private static async Task<HttpResponseMessage> PostRunAsync(HttpClient client, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri("/api/runs", UriKind.Relative), content);
    }

    [Test]
    public async Task QueueRun_UnknownScenario_Is422AtTheScenarioId()
    {
        using var response = await Api.StartAsync(Caller, 999999, 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Invalid("The run cannot be planned: $.scenarioId: there is no scenario 999999", ("$.scenarioId", "there is no scenario 999999"))));
        }
    }

    [Test]
    public async Task QueueRun_NoScenarioId_Is422AtTheScenarioId()
    {
        using var response = await PostRunAsync(Caller, """{ "scenarioId": "one", "timeLimitSeconds": 1 }""");

        const string message = "required: the id of a stored scenario (POST /api/scenarios gives it)";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"The run cannot be planned: $.scenarioId: {message}", ("$.scenarioId", message))));
        }
    }

    [Test]
    public async Task QueueRun_UnknownVariant_Is422AtTheVariantWithTheLoadersMessage()
    {
        var loader = await ScenarioLoader.CreateAsync();
        var error = Assert.Throws<ScenarioValidationException>(() => loader.LoadFile(Api.Demo).Resolve("nope"))!.Errors.Single();

        using var response = await Api.StartAsync(Caller, _demo, 1, "nope");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(error.Path, Is.EqualTo(ErrorPath.RequestedVariant));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"The run cannot be planned: $.variant: {error.Message}", ("$.variant", error.Message))));
        }
    }

    [Test]
    public async Task QueueRun_CandidatesNeedingMoreThanTheMemoryLimit_Is422AtTheScenarioIdAndQueuesNothing()
    {
        // The demo implies 352 candidates by the count.
        await using var host = await WebHostFixture.StartAsync(serve: serve => serve with { MemoryLimit = 200L << 20 });
        using var planner = host.Client(TokenRole.Planner);
        var demo = await Api.SubmitAsync(planner, Api.Demo);

        using var response = await Api.StartAsync(planner, demo, 1);

        const string message = "Scenario 'Demo: spring 2027' implies 352 candidate releases (titles x regions x allowed dates), which need about 206 MB of memory; planning may use 200 MB (--max-memory, else what this process may use). "
            + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter).";
        await using var database = await host.OpenAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"The run cannot be planned: $.scenarioId: {message}", ("$.scenarioId", message))));
            Assert.That(await database.Runs.ListAsync(10), Is.Empty);
        }
    }

    [Test]
    public async Task Run_CandidatesNeedingMoreThanTheMemoryLimitQueuedPastTheApi_EndsFailedWithTheSentence()
    {
        await using var host = await WebHostFixture.StartAsync(serve: serve => serve with { MemoryLimit = 200L << 20 });
        using var planner = host.Client(TokenRole.Planner);
        var demo = await Api.SubmitAsync(planner, Api.Demo);
        long id;
        await using (var database = await host.OpenAsync())
        {
            id = await database.SolveQueue.QueueAsync(new QueuedRun(demo, null, RunTrigger.Api) { RequestedBy = "test" });
        }

        await host.Services.GetRequiredService<IBackgroundSolves>().SubmitAsync(id);
        var run = await Api.WaitForRunAsync(planner, id, TimeSpan.FromSeconds(30));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.GetProperty("state").GetString(), Is.EqualTo("failed"));
            Assert.That(run.GetProperty("plan").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(
                run.GetProperty("messages").EnumerateArray().Select(m => m.GetString()),
                Is.EqualTo(new[] { "Scenario 'Demo: spring 2027' implies 352 candidate releases (titles x regions x allowed dates), which need about 206 MB of memory; planning may use 200 MB (--max-memory, else what this process may use). Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter)." }));
        }
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("3601")]
    [TestCase("1e400")]
    [TestCase("\"ten\"")]
    public async Task QueueRun_TimeLimitOutOfRange_Is422AtTheTimeLimit(string limit)
    {
        using var response = await PostRunAsync(Caller, $$"""{ "scenarioId": {{_demo}}, "variant": null, "timeLimitSeconds": {{limit}} }""");

        const string message = "must be a number of seconds greater than 0 and at most 3600";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"The run cannot be planned: $.timeLimitSeconds: {message}", ("$.timeLimitSeconds", message))));
        }
    }

    [Test]
    public async Task QueueRun_UnknownFields_Is422NamingEachWithTheNearestFieldOrTheFields()
    {
        using var response = await PostRunAsync(Caller, $$"""{ "scenarioId": {{_demo}}, "timelimitseconds": 1, "priority": "high" }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Invalid(
                    "The run cannot be planned: $.timelimitseconds: unknown field; did you mean timeLimitSeconds?",
                    ("$.timelimitseconds", "unknown field; did you mean timeLimitSeconds?"),
                    ("$.priority", "unknown field; the fields are scenarioId, variant, timeLimitSeconds, seed, alternatives, bestEffort"))));
        }
    }

    [Test]
    public async Task QueueRun_EveryFieldWrong_ListsEveryError()
    {
        using var response = await PostRunAsync(Caller, """{ "variant": 3, "timeLimitSeconds": 0 }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(
                await response.ProblemAsync(),
                Is.EqualTo(Api.Invalid(
                    "The run cannot be planned: $.scenarioId: required: the id of a stored scenario (POST /api/scenarios gives it)",
                    ("$.scenarioId", "required: the id of a stored scenario (POST /api/scenarios gives it)"),
                    ("$.variant", "must be a variant id (a string) or null"),
                    ("$.timeLimitSeconds", "must be a number of seconds greater than 0 and at most 3600"))));
        }
    }

    [TestCase("[1, 2]")]
    [TestCase("{ \"scenarioId\": ")]
    public async Task QueueRun_BodyNotAnObject_Is422(string body)
    {
        using var response = await PostRunAsync(Caller, body);

        var problem = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(Api.ProblemContentType));
            Assert.That(problem.GetProperty("errors").GetArrayLength(), Is.EqualTo(1));
            Assert.That(problem.GetProperty("errors")[0].GetProperty("path").GetString(), Does.StartWith("$"));
            Assert.That(problem.GetProperty("errors")[0].GetProperty("message").GetString(), Does.StartWith("the body"));
        }
    }

    [TestCase("0", "$.alternatives", "must be a whole number of alternatives from 1 to 10")]
    [TestCase("11", "$.alternatives", "must be a whole number of alternatives from 1 to 10")]
    [TestCase("\"two\"", "$.alternatives", "must be a number of alternatives or an object with count, within and minDifference")]
    [TestCase("{ \"within\": 0.01 }", "$.alternatives.count", "required: how many alternatives to look for (1 to 10)")]
    [TestCase("{ \"count\": 2, \"within\": 1.5 }", "$.alternatives.within", "must be a fraction of the best plan's objective from 0 to 1 (0.005 is 0.5%)")]
    [TestCase("{ \"count\": 2, \"minDifference\": 0 }", "$.alternatives.minDifference", "must be a whole number of titles, at least 1")]
    [TestCase("{ \"count\": 2, \"minDiference\": 2 }", "$.alternatives.minDiference", "unknown field; did you mean minDifference?")]
    public async Task QueueRun_AlternativesWrong_Is422AtTheFieldAndQueuesNothing(string alternatives, string path, string message)
    {
        await using var database = await Host.OpenAsync();
        var before = (await database.Runs.ListAsync(500)).Count;

        using var response = await PostRunAsync(Caller, $$"""{ "scenarioId": {{_demo}}, "alternatives": {{alternatives}} }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"The run cannot be planned: {path}: {message}", (path, message))));
            Assert.That((await database.Runs.ListAsync(500)).Count, Is.EqualTo(before));
        }
    }

    // The demo with a marketing budget of 1 a week, which its launches cannot keep.
    private async Task<long> SubmitOverBudgetAsync(string name)
    {
        var demo = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Api.Demo))!.AsObject();
        demo["capacity"]!["marketingBudgetPerWeek"] = 1;
        demo["name"] = name;
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"over-budget-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, demo.ToJsonString());
        var scenarioId = await Api.SubmitAsync(Caller, path);
        File.Delete(path);
        return scenarioId;
    }

    [Test]
    public async Task Run_SlateThatCannotFit_EndsDoneAsInfeasibleWithTheProofAndNoPlan()
    {
        var scenarioId = await SubmitOverBudgetAsync("Demo over budget");

        var run = await Api.PlanAsync(Caller, scenarioId, 60);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((run.GetProperty("state").GetString(), run.GetProperty("status").GetString(), run.GetProperty("plan").ValueKind), Is.EqualTo(("done", "infeasible", JsonValueKind.Null)));
            Assert.That(
                run.GetProperty("messages").EnumerateArray().Select(m => m.GetString()),
                Has.Some.EqualTo("7 titles (starfall-protocol, ember-road, harbor-lights-s2, little-lanterns, glasshouse-part-1, glasshouse-part-2 and kitchen-wars) must launch between weeks 2027-W09 and 2027-W22 and carry 22 of marketing cost; those 14 weeks allow 14 (1 a week)"));
        }
    }

    [Test]
    public async Task Run_SlateThatCannotFitWithBestEffort_EndsDoneAsPartialListingTheTitlesLeftOut()
    {
        var scenarioId = await SubmitOverBudgetAsync("Demo over budget, best effort");

        using var response = await PostRunAsync(Caller, $$"""{ "scenarioId": {{scenarioId}}, "timeLimitSeconds": 30, "bestEffort": true }""");
        var id = (await response.JsonAsync()).GetProperty("id").GetInt64();
        var run = await Api.WaitForRunAsync(Caller, id, TimeSpan.FromSeconds(90));
        using var explained = await Caller.GetAsync(new Uri($"/api/runs/{id}/explain?title=starfall-protocol", UriKind.Relative));
        var problem = await explained.JsonAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((run.GetProperty("state").GetString(), run.GetProperty("status").GetString()), Is.EqualTo(("done", "partial")));
            Assert.That(
                run.GetProperty("plan").GetProperty("leftOut").EnumerateArray().Select(l => l.GetProperty("title").GetString()),
                Is.EqualTo(new[] { "ember-road", "glasshouse-part-1", "glasshouse-part-2", "harbor-lights-s2", "little-lanterns", "starfall-protocol" }));
            Assert.That(explained.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo(
                $"Run {id}'s plan leaves 'starfall-protocol' out (budget): the marketing spend of an ISO week within its budget keeps it off 13 of its 13 possible dates "
                + "(2027-03-05 to 2027-05-28); nearest to fitting, 2027-03-05: marketing budget of week 2027-W09: 1, less than its own cost of 6."));
        }
    }

    [Test]
    public async Task Run_BestEffortNotABoolean_IsRefusedAtItsPath()
    {
        using var response = await PostRunAsync(Caller, $$"""{ "scenarioId": {{_demo}}, "bestEffort": "yes" }""");

        Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid("The run cannot be planned: $.bestEffort: must be true or false", ("$.bestEffort", "must be true or false"))));
    }
}
