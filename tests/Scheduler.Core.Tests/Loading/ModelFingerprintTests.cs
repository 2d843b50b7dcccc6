using System.Text.Json.Nodes;
using Scheduler.Core.Loading;
using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests.Loading;

/// <summary>A variant has its base's fingerprint exactly when it asks the planner the same thing.</summary>
public class ModelFingerprintTests
{
    [TestCase("""{ "description": "only words" }""", true)]
    [TestCase("""{ "name": "Test, renamed" }""", true)]
    [TestCase("""{ "titles": [ { "id": "a", "demand": 100.0 } ] }""", true)]
    [TestCase("""{ "titles": [ { "id": "a", "demand": 1e2 } ] }""", true)]
    [TestCase("""{ "titles": [ { "id": "a", "demand": 101 } ] }""", false)]
    [TestCase("""{ "launchWindowDays": 14 }""", false)]
    [TestCase("""{ "titles": [ { "id": "b", "remove": true } ] }""", false)]
    public void VariantFingerprint_IsTheBasesExactlyWhenItsChangesOnlyDescribe(string changes, bool same)
    {
        var json = Scenarios.Minimal();
        json["variants"] = new JsonArray(new JsonObject { ["id"] = "v", ["changes"] = JsonNode.Parse(changes) });

        var document = Scenarios.Load(json);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(document.Variants.Single().Errors, Is.Empty);
            Assert.That(document.ModelFingerprintOf("v") == document.ModelFingerprintOf(null), Is.EqualTo(same));
            Assert.That(document.ModelFingerprint, Does.Match("^[0-9a-f]{64}$"));
        }
    }

    [Test]
    public void Of_SameScenarioWithMembersReorderedAndSpaced_IsTheSame()
    {
        var ordered = JsonNode.Parse("""{ "name": "x", "horizon": { "start": "2027-03-01", "end": "2027-04-30" }, "launchWindowDays": 7 }""")!.AsObject();
        var shuffled = JsonNode.Parse("""
            {
              "launchWindowDays": 7.0,
              "horizon": { "end": "2027-04-30",   "start": "2027-03-01" },
              "name": "y",
              "$schema": "../scenarios.schema.json"
            }
            """)!.AsObject();

        Assert.That(ModelFingerprint.Of(shuffled), Is.EqualTo(ModelFingerprint.Of(ordered)));
    }
}
