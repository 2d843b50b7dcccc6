using System.Net;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Endpoints;

/// <summary>Query and route values the API cannot read, and paths it does not have: each a problem with its errors, never an empty answer.</summary>
public class UnreadableRequestTests
{
    private WebHostFixture _host = null!;
    private HttpClient _viewer = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _host = await WebHostFixture.StartAsync();
        _viewer = _host.Client(TokenRole.Viewer);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        _viewer.Dispose();
        await _host.DisposeAsync();
    }

    [TestCase("/api/runs?limit=abc", "?limit", "must be a whole number no larger than 2147483647 (got 'abc')")]
    [TestCase("/api/runs?limit=99999999999", "?limit", "must be a whole number no larger than 2147483647 (got '99999999999')")]
    [TestCase("/api/runs/1/report?against=abc", "?against", "must be a whole number no larger than 9223372036854775807 (got 'abc')")]
    public async Task Get_QueryValueNotANumber_Is400NamingTheParameter(string path, string parameter, string message)
    {
        using var response = await _viewer.GetAsync(new Uri(path, UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(400, "Bad request", $"{parameter}: {message}", (parameter, message))));
        }
    }

    [TestCase("/api/runs?limit=0", "must be from 1 to 500 (got 0)")]
    [TestCase("/api/runs?limit=-3", "must be from 1 to 500 (got -3)")]
    [TestCase("/api/scenarios?limit=501", "must be from 1 to 500 (got 501)")]
    public async Task List_LimitOutOfItsRange_Is422NamingTheRange(string path, string message)
    {
        using var response = await _viewer.GetAsync(new Uri(path, UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Invalid($"?limit: {message}", ("?limit", message))));
        }
    }

    [Test]
    public async Task Get_RouteThatLooksLikeAFile_Is404Problem()
    {
        using var response = await _viewer.GetAsync(new Uri("/api/runs/1.5", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await response.ProblemAsync(), Is.EqualTo(Api.Problem(404, "Not found", "There is no API endpoint GET /api/runs/1.5.")));
        }
    }
}
