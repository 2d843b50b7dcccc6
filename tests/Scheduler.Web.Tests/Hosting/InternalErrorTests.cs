using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Scheduler.Storage;
using Scheduler.Web.Tests.Support;

namespace Scheduler.Web.Tests.Hosting;

/// <summary>A fault of the server (here a stored plan damaged behind its back) is a 500 problem that carries the id of its log line, and nothing of what went wrong inside.</summary>
public sealed class InternalErrorTests : OneHostTests
{
    protected override TokenRole? Role => TokenRole.Admin;

    [Test]
    public async Task GetRun_StoredPlanDamaged_Is500WithACorrelationIdAndNoInternals()
    {
        var scenario = await Api.SubmitAsync(Caller, Api.Demo);
        var run = (await Api.PlanAsync(Caller, scenario, 5)).GetProperty("id").GetInt64();
        await using (var connection = new SqliteConnection($"Data Source={Host.Database.FilePath}"))
        {
            await connection.OpenAsync();
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE runs SET plan_json = '{\"scenario\": ' WHERE id = $id";
            damage.Parameters.AddWithValue("$id", run);
            Assert.That(await damage.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        using var response = await Caller.GetAsync(new Uri($"/api/runs/{run}", UriKind.Relative));

        var text = await response.Content.ReadAsStringAsync();
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        var correlationId = body.GetProperty("correlationId").GetString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(correlationId, Is.Not.Empty);
            Assert.That(
                Api.Normalized(text),
                Is.EqualTo(Api.Normalized($$"""
                    {"title": "Internal error", "status": 500,
                     "detail": "The server could not answer GET /api/runs/{{run}}; its log tells why under correlation id {{correlationId}}.",
                     "errors": [], "errorCount": 0, "correlationId": "{{correlationId}}"}
                    """)));
            Assert.That(text, Does.Not.Contain("Exception").And.Not.Contain("Scheduler.").And.Not.Contain(Host.Database.FilePath!));
        }
    }
}
