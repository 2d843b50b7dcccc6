using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Tests.Support;

namespace Scheduler.Core.Tests.Domain;

/// <summary>
/// Every scenario default is declared once (<see cref="ScenarioDefaults"/>): the schema's
/// <c>default</c> keywords, the tables of docs/scenario-format.md and the readers all agree with it.
/// </summary>
public partial class ScenarioDefaultsTests
{
    /// <summary>Each declared default: where the schema states it, where the docs' tables state it (section and field), and its JSON value.</summary>
    private static IEnumerable<(string Schema, string Section, string Field, JsonNode Value)> Declared()
    {
        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
        JsonNode Time(LocalTime t) => JsonValue.Create(time.Format(t));
        var releaseDays = new JsonArray([.. ScenarioDefaults.ReleaseDays.Select(d => (JsonNode)JsonValue.Create(d.ToString().ToLower(CultureInfo.InvariantCulture)))]);
        var globalLaunch = new JsonObject { ["timeZone"] = ScenarioDefaults.GlobalLaunchTimeZone, ["time"] = Time(ScenarioDefaults.GlobalLaunchTime) };
        var capacity = new JsonObject
        {
            ["perDay"] = ScenarioDefaults.PerDay,
            ["tentpolesPerDay"] = ScenarioDefaults.TentpolesPerDay,
            ["tentpoleSpacingDays"] = ScenarioDefaults.TentpoleSpacingDays,
        };
        var objective = new JsonObject { ["genreClashCost"] = ScenarioDefaults.GenreClashCost, ["moveCost"] = ScenarioDefaults.MoveCost };
        var replan = new JsonObject { ["freezeDays"] = ScenarioDefaults.FreezeDays };
        var solver = new JsonObject { ["timeLimitSeconds"] = ScenarioDefaults.TimeLimitSeconds, ["relativeGap"] = ScenarioDefaults.RelativeGap, ["bestEffort"] = ScenarioDefaults.BestEffort };
        string Word<T>(T value) => value!.ToString()!.ToLower(CultureInfo.InvariantCulture);

        yield return ("/properties/description", "Top level", "description", ScenarioDefaults.Description);
        yield return ("/properties/releaseDays", "Top level", "releaseDays", releaseDays);
        yield return ("/properties/launchWindowDays", "Top level", "launchWindowDays", ScenarioDefaults.LaunchWindowDays);
        yield return ("/properties/globalLaunch", "Top level", "globalLaunch", globalLaunch);
        yield return ("/properties/globalLaunch/properties/timeZone", "", "", ScenarioDefaults.GlobalLaunchTimeZone);
        yield return ("/properties/globalLaunch/properties/time", "", "", Time(ScenarioDefaults.GlobalLaunchTime));
        yield return ("/properties/replan", "Top level", "replan", replan);
        yield return ("/properties/replan/properties/freezeDays", "Replan", "freezeDays", ScenarioDefaults.FreezeDays);
        yield return ("/properties/solver", "Top level", "solver", solver);
        yield return ("/properties/solver/properties/timeLimitSeconds", "Solver", "timeLimitSeconds", ScenarioDefaults.TimeLimitSeconds);
        yield return ("/properties/solver/properties/relativeGap", "Solver", "relativeGap", ScenarioDefaults.RelativeGap);
        yield return ("/properties/solver/properties/bestEffort", "Solver", "bestEffort", ScenarioDefaults.BestEffort);
        yield return ("/definitions/region/properties/releaseTime", "Regions", "releaseTime", Time(ScenarioDefaults.RegionReleaseTime));
        yield return ("/definitions/title/properties/kind", "Titles", "kind", Word(ScenarioDefaults.Kind));
        yield return ("/definitions/title/properties/release", "Titles", "release", Word(ScenarioDefaults.Release));
        yield return ("/definitions/title/properties/staggerMaxDays", "Titles", "staggerMaxDays", ScenarioDefaults.StaggerMaxDays);
        yield return ("/definitions/title/properties/tentpole", "Titles", "tentpole", ScenarioDefaults.Tentpole);
        yield return ("/definitions/title/properties/delayCostPerWeek", "Titles", "delayCostPerWeek", ScenarioDefaults.DelayCostPerWeek);
        yield return ("/definitions/title/properties/marketingCost", "Titles", "marketingCost", ScenarioDefaults.MarketingCost);
        yield return ("/definitions/title/properties/optional", "Titles", "optional", ScenarioDefaults.Optional);
        yield return ("/definitions/title/properties/priority", "Titles", "priority", Word(ScenarioDefaults.Priority));
        yield return ("/definitions/title/properties/drops", "Titles", "drops", ScenarioDefaults.Drops);
        yield return ("/definitions/title/properties/dropIntervalDays", "Titles", "dropIntervalDays", ScenarioDefaults.DropIntervalDays);
        yield return ("/definitions/title/properties/formats/items/properties/drops", "Formats as a decision", "drops", ScenarioDefaults.Drops);
        yield return ("/definitions/title/properties/formats/items/properties/dropIntervalDays", "Formats as a decision", "dropIntervalDays", ScenarioDefaults.DropIntervalDays);
        yield return ("/definitions/title/properties/formats/items/properties/valueFactor", "Formats as a decision", "valueFactor", ScenarioDefaults.ValueFactor);
        yield return ("/definitions/capacity", "", "", capacity);
        yield return ("/definitions/capacity/properties/perDay", "Capacity", "perDay", ScenarioDefaults.PerDay);
        yield return ("/definitions/capacity/properties/tentpolesPerDay", "Capacity", "tentpolesPerDay", ScenarioDefaults.TentpolesPerDay);
        yield return ("/definitions/capacity/properties/tentpoleSpacingDays", "Capacity", "tentpoleSpacingDays", ScenarioDefaults.TentpoleSpacingDays);
        yield return ("/definitions/objective", "", "", objective);
        yield return ("/definitions/objective/properties/genreClashCost", "Objective", "genreClashCost", ScenarioDefaults.GenreClashCost);
        yield return ("/definitions/objective/properties/moveCost", "Objective", "moveCost", ScenarioDefaults.MoveCost);
        yield return ("/definitions/variant/properties/description", "", "", ScenarioDefaults.Description);
    }

    [Test]
    public void Schema_StatesEachDeclaredDefaultAndNoOther()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scenarios.schema.json")))!;
        var stated = new Dictionary<string, JsonNode>();
        Collect(schema, "", stated);
        var declared = Declared().ToDictionary(d => d.Schema, d => d.Value);

        using (Assert.EnterMultipleScope())
        {
            foreach (var (pointer, value) in declared)
            {
                Assert.That(stated.TryGetValue(pointer, out var found) && JsonNode.DeepEquals(found, value), Is.True, $"{pointer}: the schema says {found?.ToJsonString()}, the code {value.ToJsonString()}");
            }

            // Empty lists and maps (no events, no affinity given) are the absence of a value, not a default to declare.
            var undeclared = stated.Where(s => !declared.ContainsKey(s.Key) && s.Key != "/properties/$schema" && s.Value is not JsonArray { Count: 0 } and not JsonObject { Count: 0 });
            Assert.That(undeclared.Select(s => $"{s.Key} = {s.Value.ToJsonString()}"), Is.Empty);
        }
    }

    [Test]
    public void Docs_StateEachDeclaredDefaultInTheirTables()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "scenario-format.md"));

        using (Assert.EnterMultipleScope())
        {
            foreach (var (_, section, field, value) in Declared().Where(d => d.Section.Length > 0))
            {
                var text = DefaultInTable(docs, section, field);
                var stated = text is null ? null : JsonNode.Parse(text);
                Assert.That(stated is not null && JsonNode.DeepEquals(stated, value), Is.True, $"{section}, `{field}`: the docs say {text ?? "nothing"}, the code {value.ToJsonString()}");
            }
        }
    }

    [Test]
    public void Readers_FillEachLeftOutFieldWithItsDefault()
    {
        var scenario = Scenarios.LoadScenario(Scenarios.Minimal());
        var title = scenario.Titles[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Description, Is.EqualTo(ScenarioDefaults.Description));
            Assert.That(scenario.ReleaseDays, Is.EquivalentTo(ScenarioDefaults.ReleaseDays));
            Assert.That(scenario.LaunchWindowDays, Is.EqualTo(ScenarioDefaults.LaunchWindowDays));
            Assert.That((scenario.GlobalLaunch.TimeZone.Id, scenario.GlobalLaunch.Time), Is.EqualTo((ScenarioDefaults.GlobalLaunchTimeZone, ScenarioDefaults.GlobalLaunchTime)));
            Assert.That(scenario.Regions.Select(r => r.ReleaseTime), Has.All.EqualTo(ScenarioDefaults.RegionReleaseTime));
            Assert.That((scenario.Capacity.PerDay, scenario.Capacity.TentpolesPerDay, scenario.Capacity.TentpoleSpacingDays), Is.EqualTo((ScenarioDefaults.PerDay, ScenarioDefaults.TentpolesPerDay, ScenarioDefaults.TentpoleSpacingDays)));
            Assert.That((scenario.Objective.GenreClashCost, scenario.Objective.MoveCost), Is.EqualTo((ScenarioDefaults.GenreClashCost, ScenarioDefaults.MoveCost)));
            Assert.That(scenario.Replan.FreezeDays, Is.EqualTo(ScenarioDefaults.FreezeDays));
            Assert.That((scenario.Solver.TimeLimitSeconds, scenario.Solver.RelativeGap, scenario.Solver.BestEffort), Is.EqualTo((ScenarioDefaults.TimeLimitSeconds, ScenarioDefaults.RelativeGap, ScenarioDefaults.BestEffort)));
            Assert.That((title.Kind, title.Release, title.StaggerMaxDays, title.Tentpole), Is.EqualTo((ScenarioDefaults.Kind, ScenarioDefaults.Release, ScenarioDefaults.StaggerMaxDays, ScenarioDefaults.Tentpole)));
            Assert.That((title.DelayCostPerWeek, title.MarketingCost, title.Optional), Is.EqualTo((ScenarioDefaults.DelayCostPerWeek, ScenarioDefaults.MarketingCost, ScenarioDefaults.Optional)));
            Assert.That((title.Drops, title.DropIntervalDays, title.Priority), Is.EqualTo((ScenarioDefaults.Drops, ScenarioDefaults.DropIntervalDays, ScenarioDefaults.Priority)));
            Assert.That(title.ValueFactor, Is.EqualTo(ScenarioDefaults.ValueFactor));
        }

        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["formats"] = JsonNode.Parse("""[{ "id": "binge" }]""");
        var format = Scenarios.LoadScenario(document).Titles[0].Formats.Single();
        Assert.That((format.Drops, format.DropIntervalDays, format.ValueFactor), Is.EqualTo((ScenarioDefaults.Drops, ScenarioDefaults.DropIntervalDays, ScenarioDefaults.ValueFactor)));
    }

    // Every "default" keyword of the schema by its place; under "properties" a key is a field's name, not a keyword.
    private static void Collect(JsonNode? node, string pointer, Dictionary<string, JsonNode> defaults)
    {
        if (node is not JsonObject owner)
        {
            return;
        }

        var namesFields = pointer.EndsWith("/properties", StringComparison.Ordinal);
        foreach (var (name, value) in owner)
        {
            if (name == "default" && !namesFields && value is not null && owner.Parent is not null)
            {
                defaults[pointer] = value.DeepClone();
            }
            else
            {
                Collect(value, $"{pointer}/{name}", defaults);
            }
        }
    }

    /// <summary>The default column of <paramref name="field"/>'s row in the first table of <paramref name="section"/>, its backticks taken off.</summary>
    private static string? DefaultInTable(string docs, string section, string field)
    {
        var start = docs.IndexOf($"\n## {section}\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = docs.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var body = docs[start..(end < 0 ? docs.Length : end)];
        var row = Row().Matches(body).FirstOrDefault(m => m.Groups["field"].Value == field);
        return row is null ? null : DefaultCell().Match(row.Groups["default"].Value) is { Success: true } cell ? cell.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\| `(?<field>[^`]+)` \| [^|]* \| (?<default>[^|]*) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"^`(.*)`\s*$")]
    private static partial Regex DefaultCell();
}
