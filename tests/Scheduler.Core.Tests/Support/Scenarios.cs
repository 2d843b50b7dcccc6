using System.Text;
using System.Text.Json.Nodes;
using Scheduler.Core.Domain;
using Scheduler.Core.Loading;

namespace Scheduler.Core.Tests.Support;

/// <summary>Small scenario documents for tests, built from a valid minimal one and changed in place.</summary>
internal static class Scenarios
{
    private static readonly Lazy<ScenarioLoader> SharedLoader = new(() => ScenarioLoader.CreateAsync().GetAwaiter().GetResult());

    public static ScenarioLoader Loader => SharedLoader.Value;

    /// <summary>Two regions (us audience 3 in New York, uk audience 1 in London), two titles, March and April 2027.</summary>
    public static JsonObject Minimal() => JsonNode.Parse("""
        {
          "name": "Test",
          "horizon": { "start": "2027-03-01", "end": "2027-04-30" },
          "regions": [
            { "id": "us", "name": "United States", "timeZone": "America/New_York", "audience": 3 },
            { "id": "uk", "name": "United Kingdom", "timeZone": "Europe/London", "audience": 1 }
          ],
          "titles": [
            { "id": "a", "name": "A", "genres": ["drama"], "demand": 100 },
            { "id": "b", "name": "B", "genres": ["comedy"], "demand": 50 }
          ]
        }
        """)!.AsObject();

    public static ScenarioDocument Load(JsonObject document, string source = "test.json")
        => Loader.Load(Encoding.UTF8.GetBytes(document.ToJsonString()), source);

    public static Scenario LoadScenario(JsonObject document) => Load(document).Scenario;

    public static JsonObject Title(JsonObject document, int index) => document["titles"]![index]!.AsObject();
}
