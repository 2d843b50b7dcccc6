using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Rules;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;
using Scheduler.Core.Values;

namespace Scheduler.Core.Tests.Domain;

/// <summary>Rule 12 (spacing groups): reading them, variants that change them, the verifier and explain.</summary>
public class SpacingGroupTests
{
    private static readonly LocalDate March12 = new(2027, 3, 12);
    private static readonly LocalDate March19 = new(2027, 3, 19);

    private static JsonObject WithGroup(string group)
    {
        var document = Scenarios.Minimal();
        document["spacingGroups"] = JsonNode.Parse(group);
        return document;
    }

    [Test]
    public void Load_Group_SelectsTitlesByIdAndByGenre()
    {
        var document = WithGroup("""[{ "id": "franchise", "titles": ["a"], "genres": ["comedy"], "minDays": 14, "regions": ["us"] }]""");
        var scenario = Scenarios.LoadScenario(document);
        var group = scenario.SpacingGroups.Single();

        Assert.Multiple(() =>
        {
            Assert.That(scenario.MembersOf(group).Select(t => t.Id), Is.EqualTo(new[] { "a", "b" }));
            Assert.That((group.MinDays, group.HoldsIn("us"), group.HoldsIn("uk")), Is.EqualTo((14, true, false)));
            Assert.That(scenario.GroupsOf(scenario.TitlesById["b"]), Is.EqualTo(new[] { group }));
        });
    }

    [Test]
    public void Load_GroupNamingUnknownThings_IsRejectedAtEachPath()
    {
        var document = WithGroup("""
            [
              { "id": "f", "titles": ["a", "zz"], "genres": ["western"], "minDays": 7, "regions": ["fr"] },
              { "id": "f", "minDays": 7 }
            ]
            """);

        var message = Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document))!.Message;

        Assert.That(message, Is.EqualTo(
            "Scenario 'test.json' has 5 errors:\n" +
            "$.spacingGroups[0].titles[1]: spacing group 'f' names unknown title 'zz'\n" +
            "$.spacingGroups[0].genres[0]: spacing group 'f' names genre 'western', which no title carries\n" +
            "$.spacingGroups[0].regions[0]: spacing group 'f' names unknown region 'fr'\n" +
            "$.spacingGroups[1].id: spacing group id 'f' is already used at $.spacingGroups[0]\n" +
            "$.spacingGroups[1]: spacing group 'f' selects no titles: give titles or genres"));
    }

    [Test]
    public void Load_VariantChangingAGroup_MergesItById()
    {
        var document = WithGroup("""[{ "id": "f", "titles": ["a", "b"], "minDays": 7 }, { "id": "g", "genres": ["drama"], "minDays": 3 }]""");
        document["variants"] = JsonNode.Parse("""[{ "id": "wider", "changes": { "spacingGroups": [{ "id": "f", "minDays": 21 }, { "id": "g", "remove": true }] } }]""");

        var variant = Scenarios.Load(document).Resolve("wider");

        Assert.That(variant.SpacingGroups.Select(g => (g.Id, g.MinDays, g.Titles.Length)), Is.EqualTo(new[] { ("f", 21, 2) }));
    }

    [Test]
    public void Verify_GroupTitlesTooClose_BreaksRule12InItsRegionsOnly()
    {
        var (_, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12), MinimalPlans.Global("b", March19));
        var document = WithGroup("""[{ "id": "f", "titles": ["a", "b"], "minDays": 14, "regions": ["uk"] }]""");

        var verification = new PlanVerifier(new ValueModel(Scenarios.LoadScenario(document))).Verify(plan);

        Assert.Multiple(() =>
        {
            Assert.That(verification.Sentences.Where(s => s.StartsWith("rule", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "rule 12: 'a' (2027-03-12) and 'b' (2027-03-19) of spacing group 'f' are 7 days apart in 'uk', less than 14",
            }));
            Assert.That(verification.Violations.Single(v => v.Rule == HardRules.SpacingGroup).Titles, Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public void Verify_GroupOfMinDaysOne_KeepsItsTitlesOffOneDay()
    {
        var (_, plan) = MinimalPlans.Of(_ => { }, MinimalPlans.Global("a", March12), MinimalPlans.Global("b", March12));
        var document = WithGroup("""[{ "id": "f", "titles": ["a", "b"], "minDays": 1 }]""");

        var verification = new PlanVerifier(new ValueModel(Scenarios.LoadScenario(document))).Verify(plan);

        Assert.That(verification.Violations.Count(v => v.Rule == HardRules.SpacingGroup), Is.EqualTo(2), "once in each region");
    }

    [Test]
    public void Explain_DateNearAnotherTitleOfTheGroup_IsRuledOutByRule12()
    {
        var (values, plan) = MinimalPlans.Of(
            d => d["spacingGroups"] = JsonNode.Parse("""[{ "id": "f", "titles": ["a", "b"], "minDays": 14, "regions": ["us"] }]"""),
            MinimalPlans.Global("a", March12),
            MinimalPlans.Global("b", new LocalDate(2027, 3, 26)));

        var march19 = new DateExplainer(values, plan).Explain("b", "us")!.Alternatives.Single(a => a.Date == March19);

        Assert.Multiple(() =>
        {
            Assert.That(march19.RuledOutBy, Is.EqualTo(new[] { "spacing group 'f': a releases in us on 2027-03-12, less than 14 days away" }));
            Assert.That(march19.Reasons.Single().Rule, Is.EqualTo(HardRules.SpacingGroup));
        });
    }
}
