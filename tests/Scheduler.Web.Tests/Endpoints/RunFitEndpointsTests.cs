using System.Net;
using System.Text;
using System.Text.Json;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>Where a new or changed title fits into a done run's plan, by <c>POST /api/runs/{id}/fit</c>.</summary>
public sealed class RunFitEndpointsTests : DemoRunTests
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> FitAsync(string body, long? run = null)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client(TokenRole.Viewer).PostAsync(new Uri($"/api/runs/{run ?? DoneId}/fit", UriKind.Relative), content);
        return (response.StatusCode, await response.JsonAsync());
    }

    [Test]
    public async Task Fit_NewTitle_GivesTheTopOptionsBestFirstWithTheirFactors()
    {
        var (status, body) = await FitAsync("""{ "title": { "id": "midnight-special", "name": "Midnight Special", "genres": ["drama"], "demand": 60 }, "top": 3 }""");

        var options = body.GetProperty("options").EnumerateArray().ToList();
        var changes = options.Select(o => o.GetProperty("objectiveChange").GetDouble()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "title", "weighed", "options", "why" }));
            Assert.That(body.GetProperty("weighed").GetInt32(), Is.GreaterThanOrEqualTo(options.Count));
            Assert.That(options, Has.Count.EqualTo(3));
            Assert.That(changes, Is.Ordered.Descending);
            foreach (var option in options)
            {
                Assert.That(option.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "mode", "dates", "objectiveChange", "value", "factors", "displaced" }));
                Assert.That(option.GetProperty("dates").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "us", "uk", "br" }));
                Assert.That(option.GetProperty("factors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "us", "uk", "br" }));
                if (option.GetProperty("displaced").GetArrayLength() == 0)
                {
                    Assert.That(option.GetProperty("objectiveChange").GetDouble(), Is.LessThanOrEqualTo(option.GetProperty("value").GetDouble() + 1e-9), "alone, the title adds its value less any clash");
                }
            }
        }
    }

    [Test]
    public async Task Fit_PlannedTitleWhoseDubSlips_FitsOnlyAfterTheNewReadiness()
    {
        var (status, body) = await FitAsync("""{ "title": { "id": "kitchen-wars", "readiness": { "br": "2027-05-01" } } }""");

        var options = body.GetProperty("options").EnumerateArray().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(options, Has.Count.EqualTo(5));
            Assert.That(options.Select(o => o.GetProperty("dates").GetProperty("br").GetString()), Has.All.GreaterThanOrEqualTo("2027-05-01"));
        }
    }

    [Test]
    public async Task Fit_InvalidTitle_Is422AtThePathsOfTheTitle()
    {
        var (status, body) = await FitAsync("""{ "title": { "id": "midnight-special", "name": "Midnight Special", "genres": ["drama"], "demand": -5 } }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Invalid(
                "The title cannot be fitted: $.title.demand: must be at least 0 and at most 1000000000, found the number -5",
                ("$.title.demand", "must be at least 0 and at most 1000000000, found the number -5")))));
        }
    }

    [Test]
    public async Task Fit_MalformedBody_Is422NamingEachField()
    {
        var (status, body) = await FitAsync("""{ "top": 0, "extra": 1 }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Invalid(
                "The title cannot be fitted: $.extra: unknown field; the fields are title, top",
                ("$.extra", "unknown field; the fields are title, top"),
                ("$.title", "required: a title object as in a scenario, or {\"id\": ...} of a planned title with the fields that change"),
                ("$.top", "must be a whole number from 1 to 50")))));
        }
    }

    [Test]
    public async Task Fit_UnknownRun_Is404()
    {
        var (status, body) = await FitAsync("""{ "title": { "id": "kitchen-wars" } }""", run: 999_999);

        Assert.That(Api.Normalized(body), Is.EqualTo(Api.Normalized(Api.Problem(404, "Not found", "There is no run 999999."))), status.ToString());
    }
}
