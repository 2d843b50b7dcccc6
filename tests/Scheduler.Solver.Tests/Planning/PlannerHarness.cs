using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>Plans small scenarios for tests and insists that every plan passes the verifier.</summary>
internal static class PlannerHarness
{
    /// <summary>One region (us, New York), March and April 2027 (Fridays 03-05 to 04-30), no titles yet.</summary>
    public static JsonObject OneRegion() => JsonNode.Parse("""
        {
          "name": "Rule test",
          "horizon": { "start": "2027-03-01", "end": "2027-04-30" },
          "regions": [ { "id": "us", "name": "United States", "timeZone": "America/New_York", "audience": 3 } ],
          "titles": []
        }
        """)!.AsObject();

    /// <summary>Adds a title that prefers <paramref name="preferred"/> and loses 10% of its value per week away from it.</summary>
    public static JsonObject AddTitle(JsonObject scenario, string id, double demand, string preferred, Action<JsonObject>? change = null)
    {
        var title = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["genres"] = new JsonArray("drama"),
            ["demand"] = demand,
            ["preferred"] = preferred,
            ["delayCostPerWeek"] = 0.1,
        };
        change?.Invoke(title);
        scenario["titles"]!.AsArray().Add(title);
        return title;
    }

    public static PlanningOutcome Plan(JsonObject scenario, PlanEngine engine = PlanEngine.CpSat, int threads = 1, double relativeGap = 1e-9, bool bestEffort = false)
    {
        var document = Scenarios.Load(scenario);
        var request = new PlanRequest(
            document.Scenario,
            new PlanScenario(document.Scenario.Name, document.Sha256, null),
            engine,
            TimeSpan.FromSeconds(20),
            relativeGap,
            threads)
        {
            BestEffort = bestEffort,
        };
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(request);
        if (outcome.Verification is { IsValid: false } verification)
        {
            Assert.Fail("The plan failed verification:\n" + string.Join("\n", verification.Violations));
        }

        return outcome;
    }

    public static LocalDate DateOf(Plan plan, string title, string region = "us")
        => plan.Releases.Single(r => r.Title == title && r.Region == region).Date;

    public static LocalDate D(int month, int day) => new(2027, month, day);

    /// <summary>The one-region scenario with the United Kingdom added.</summary>
    public static JsonObject TwoRegions()
    {
        var scenario = OneRegion();
        scenario["regions"]!.AsArray().Add(JsonNode.Parse("""{ "id": "uk", "name": "United Kingdom", "timeZone": "Europe/London", "audience": 1 }"""));
        return scenario;
    }
}
