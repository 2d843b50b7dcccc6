using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Core.Domain;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Loading;

/// <summary>
/// JSON Schema draft-07 counts 7.0 as the integer 7; the loader reads integer fields the same way,
/// so that a file an editor's validator accepts is one the loader accepts, with the same meaning.
/// </summary>
public class WholeNumberLoadingTests
{
    private static IEnumerable<string> BundledScenarios()
        => Directory.EnumerateFiles(RepositoryPaths.Scenarios, "*.json").Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(BundledScenarios))]
    public void Load_EveryWholeNumberWrittenWithAFraction_ReadsTheSameScenarioAndVariants(string file)
    {
        var original = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Scenarios, file)))!.AsObject();
        var fractions = WithFractions(original)!.AsObject();
        Assume.That(fractions.ToJsonString(), Does.Contain(".0,"), "the rewrite must have changed the file");

        var expected = Scenarios.Load(original, file);
        var actual = Scenarios.Load(fractions, file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Digest(actual.Scenario), Is.EqualTo(Digest(expected.Scenario)));
            Assert.That(actual.Variants.Select(v => v.Scenario is null ? "invalid" : Digest(v.Scenario)),
                Is.EqualTo(expected.Variants.Select(v => v.Scenario is null ? "invalid" : Digest(v.Scenario))));
        }
    }

    [TestCase("7.0", 7)]
    [TestCase("7.00", 7)]
    [TestCase("7e0", 7)]
    [TestCase("0.7e1", 7)]
    [TestCase("1E1", 10)]
    public void Load_WholeNumberWithAFractionOrExponent_IsThatInteger(string written, int read)
    {
        var json = Scenarios.Minimal().ToJsonString().Replace("\"name\":\"Test\"", $"\"name\":\"Test\",\"launchWindowDays\":{written}", StringComparison.Ordinal);

        var scenario = Scenarios.Loader.Load(Encoding.UTF8.GetBytes(json), "test.json").Scenario;

        Assert.That(scenario.LaunchWindowDays, Is.EqualTo(read));
    }

    [TestCase("7.5")]
    [TestCase("7.0000000000000001")]
    public void Load_NumberWithAFractionWhereAnIntegerBelongs_IsRefusedAtItsPath(string written)
    {
        var json = Scenarios.Minimal().ToJsonString().Replace("\"name\":\"Test\"", $"\"name\":\"Test\",\"launchWindowDays\":{written}", StringComparison.Ordinal);

        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Loader.Load(Encoding.UTF8.GetBytes(json), "test.json"));

        Assert.That(ex!.Errors.Select(e => e.ToString()), Is.EqualTo(new[] { $"$.launchWindowDays: expected a whole number, found the number {written}" }));
    }

    [Test]
    public void Load_VariantChangingAnIntegerToAWholeNumberWithAFraction_ReadsTheInteger()
    {
        var document = Scenarios.Minimal();
        document["variants"] = JsonNode.Parse("""[{ "id": "cut", "changes": { "capacity": { "perDay": 2.0 }, "titles": [{ "id": "a", "drops": 4.0 }] } }]""");

        var variant = Scenarios.Load(document).Resolve("cut");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(variant.Capacity.PerDay, Is.EqualTo(2));
            Assert.That(variant.TitlesById["a"].Drops, Is.EqualTo(4));
        }
    }

    /// <summary>A copy with every plain integer written as N.0 (a decimal keeps the scale it is given).</summary>
    private static JsonNode? WithFractions(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, WithFractions(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithFractions)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var whole)
            => JsonValue.Create(decimal.Parse(whole.ToString(CultureInfo.InvariantCulture) + ".0", CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };

    /// <summary>Every value the integer fields feed, and the value of each title in each region on its first day.</summary>
    private static string Digest(Scenario scenario)
    {
        var values = new ValueModel(scenario);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"window {scenario.LaunchWindowDays}, freeze {scenario.Replan.FreezeDays}"),
            string.Create(CultureInfo.InvariantCulture, $"capacity {scenario.Capacity.PerDay}/{scenario.Capacity.TentpolesPerDay}/{scenario.Capacity.TentpoleSpacingDays}/{scenario.Capacity.MarketingBudgetPerWeek}"),
        };
        lines.AddRange(scenario.Titles.Select(t => string.Create(
            CultureInfo.InvariantCulture,
            $"{t.Id}: stagger {t.StaggerMaxDays}, drops {t.Drops} every {t.DropIntervalDays}, after [{string.Join(", ", t.After.Select(a => $"{a.TitleId}+{a.MinGapDays}"))}], " +
            $"values [{string.Join(", ", t.Regions.Select(r => values.Value(t, r, t.Earliest).ToString("R", CultureInfo.InvariantCulture)))}]")));
        return string.Join("\n", lines);
    }
}
