using System.Net;
using System.Text;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>An answer lists the first 200 errors of a long list, and counts them all.</summary>
public sealed class LongErrorListTests : OneHostTests
{
    protected override TokenRole? Role => TokenRole.Planner;

    [Test]
    public async Task Submit_ScenarioWith300Errors_ListsTheFirst200AndCountsThemAll()
    {
        using var content = new StringContent(ManyErrors.Scenario(300), Encoding.UTF8, "application/json");

        using var response = await Caller.PostAsync(new Uri("/api/scenarios", UriKind.Relative), content);

        var problem = await response.JsonAsync();
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(problem.GetProperty("errorCount").GetInt32(), Is.EqualTo(300));
            Assert.That(paths, Is.EqualTo(Enumerable.Range(8, 200).Select(i => $"$.titles[{i}].demand")));
            Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("Scenario 'the request body' has 300 errors:"));
        }
    }
}
