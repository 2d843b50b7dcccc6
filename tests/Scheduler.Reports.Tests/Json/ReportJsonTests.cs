using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using Scheduler.Application.Publications;
using Scheduler.Reports.Json;
using Scheduler.Storage;

namespace Scheduler.Reports.Tests.Json;

/// <summary>What the CLI's --json and the API write: vocabularies as their words, publications in the contract's shape.</summary>
public class ReportJsonTests
{
    [Test]
    public void Options_WriteVocabulariesAsTheirWords()
    {
        var json = JsonSerializer.Serialize(new { state = RunState.Cancelled, trigger = RunTrigger.Api, action = AuditAction.TokenRevoke, publication = PublicationState.Late }, ReportJson.Options);

        Assert.That(JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Value.GetString()), Is.EqualTo(new[] { "cancelled", "api", "token-revoke", "late" }));
    }

    [Test]
    public void Words_OnScreen_AreTheWordsOfTheJson()
        => Assert.That(Enum.GetValues<PublicationState>().Select(Words.Of), Is.EqualTo(new[] { "upcoming", "published", "late", "failed" }));

    [Test]
    public void PublicationJson_Row_HasTheStatusFieldsInOrderWithTheLocalInstant()
    {
        var publishAt = Instant.FromUtc(2027, 3, 19, 7, 0);
        var row = new PublicationRow(
            "a", "us", 0, 1, new LocalDate(2027, 3, 19), publishAt, publishAt.InZone(DateTimeZoneProviders.Tzdb["America/Los_Angeles"]),
            PublicationState.Published, publishAt.Plus(Duration.FromSeconds(2)), 2, "node-a", null);

        var json = JsonDocument.Parse(JsonSerializer.Serialize(PublicationJson.Of(new PublicationStatus(7, new PublicationCounts(4, 1, 0, 0), new PublicationQuery { Limit = 1 }, ImmutableArray.Create(row), null)), ReportJson.Options)).RootElement;
        var release = json.GetProperty("releases")[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.GetProperty("planOfRecord").GetInt64(), Is.EqualTo(7));
            Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "planOfRecord", "counts", "page", "triggers", "releases" }));
            Assert.That(JsonSerializer.Serialize(json.GetProperty("counts")), Is.EqualTo("""{"upcoming":4,"published":1,"late":0,"failed":0,"total":5}"""));
            Assert.That(JsonSerializer.Serialize(json.GetProperty("page")), Is.EqualTo("""{"state":null,"offset":0,"limit":1,"matching":5}"""));
            Assert.That(release.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
            {
                "title", "region", "drop", "drops", "date", "publishAt", "publishAtLocal", "state", "publishedAt", "latenessSeconds", "node", "error",
            }));
            Assert.That(release.GetProperty("publishAt").GetString(), Is.EqualTo("2027-03-19T07:00:00Z"));
            Assert.That(release.GetProperty("publishAtLocal").GetString(), Is.EqualTo("2027-03-19T00:00-07:00 PDT"));
            Assert.That(release.GetProperty("state").GetString(), Is.EqualTo("published"));
        }
    }
}
