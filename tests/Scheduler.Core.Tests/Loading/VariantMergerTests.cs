using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Loading;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Loading;

public class VariantMergerTests
{
    private static ScenarioDocument WithVariants(string variantsJson, Action<JsonObject>? change = null)
    {
        var document = Scenarios.Minimal();
        change?.Invoke(document);
        document["variants"] = JsonNode.Parse(variantsJson);
        return Scenarios.Load(document);
    }

    [Test]
    public void Resolve_FieldChange_ReplacesThatFieldOnly()
    {
        var document = WithVariants("""[{ "id": "cut", "changes": { "capacity": { "perDay": 1 } } }]""",
            d => d["capacity"] = new JsonObject { ["perDay"] = 2, ["tentpoleSpacingDays"] = 14 });

        var variant = document.Resolve("cut");

        Assert.Multiple(() =>
        {
            Assert.That(variant.Capacity.PerDay, Is.EqualTo(1));
            Assert.That(variant.Capacity.TentpoleSpacingDays, Is.EqualTo(14));
            Assert.That(document.Scenario.Capacity.PerDay, Is.EqualTo(2));
        });
    }

    [Test]
    public void Resolve_ElementWithNewId_IsAdded()
    {
        var document = WithVariants("""
            [{ "id": "more", "changes": { "titles": [{ "id": "c", "name": "C", "genres": ["kids"], "demand": 5 }] } }]
            """);

        Assert.That(document.Resolve("more").Titles.Select(t => t.Id), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void Resolve_ElementWithRemove_IsDeleted()
    {
        var document = WithVariants("""[{ "id": "less", "changes": { "titles": [{ "id": "a", "remove": true }] } }]""");

        Assert.That(document.Resolve("less").Titles.Select(t => t.Id), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void Resolve_NestedObjectInsideElement_MergesFieldByField()
    {
        var document = WithVariants(
            """[{ "id": "uk-loves-a", "changes": { "titles": [{ "id": "a", "affinity": { "uk": 2 } }] } }]""",
            d => Scenarios.Title(d, 0)["affinity"] = new JsonObject { ["us"] = 1.2 });

        var title = document.Resolve("uk-loves-a").TitlesById["a"];

        Assert.Multiple(() =>
        {
            Assert.That(title.Affinity["us"], Is.EqualTo(1.2));
            Assert.That(title.Affinity["uk"], Is.EqualTo(2));
            Assert.That(title.Name, Is.EqualTo("A"));
        });
    }

    [Test]
    public void Resolve_ArrayWithoutIds_IsReplaced()
    {
        var document = WithVariants("""[{ "id": "recut", "changes": { "titles": [{ "id": "a", "genres": ["horror"] }], "releaseDays": ["thursday"] } }]""");

        var variant = document.Resolve("recut");

        Assert.Multiple(() =>
        {
            Assert.That(variant.TitlesById["a"].Genres, Is.EqualTo(new[] { "horror" }));
            Assert.That(variant.Regions[0].ReleaseDays, Is.EquivalentTo(new[] { IsoDayOfWeek.Thursday }));
        });
    }

    [Test]
    public void Resolve_NullValue_RemovesTheFieldSoItsDefaultApplies()
    {
        var document = WithVariants(
            """[{ "id": "no-date", "changes": { "titles": [{ "id": "a", "preferred": null }] } }]""",
            d => Scenarios.Title(d, 0)["preferred"] = "2027-03-19");

        Assert.Multiple(() =>
        {
            Assert.That(document.Scenario.TitlesById["a"].Preferred, Is.EqualTo(new LocalDate(2027, 3, 19)));
            Assert.That(document.Resolve("no-date").TitlesById["a"].Preferred, Is.Null);
        });
    }

    [Test]
    public void Resolve_NoOpVariant_EqualsTheBase()
    {
        var document = WithVariants("""[{ "id": "same", "changes": {} }]""");

        var variant = document.Resolve("same");

        Assert.That(variant.Titles.Select(t => (t.Id, t.Earliest, t.Latest)), Is.EqualTo(document.Scenario.Titles.Select(t => (t.Id, t.Earliest, t.Latest))));
    }

    [Test]
    public void Load_VariantThatDoesNotApply_IsReportedWithItsIdWhileOthersResolve()
    {
        var document = WithVariants("""
            [{ "id": "ghost", "changes": { "titles": [{ "id": "zz", "remove": true }, { "name": "no id" }] } },
             { "id": "fine", "changes": { "capacity": { "perDay": 1 } } }]
            """);

        var ex = Assert.Throws<ScenarioValidationException>(() => document.Resolve("ghost"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo(
                """
                Scenario 'test.json' has 2 errors:
                variant 'ghost': $.variants[0].changes.titles[0]: removes 'zz', but no element there has that id
                variant 'ghost': $.variants[0].changes.titles[1]: every element must carry an 'id' naming the element it changes or adds
                """.ReplaceLineEndings("\n")));
            Assert.That(document.Resolve("fine").Capacity.PerDay, Is.EqualTo(1));
        });
    }

    [Test]
    public void Load_VariantLeavingScenarioInvalid_IsReportedWithItsId()
    {
        var document = WithVariants("""[{ "id": "late", "changes": { "titles": [{ "id": "a", "earliest": "2027-06-01" }], "capacity": { "perDay": 0 } } }]""");

        Assert.That(document.VariantErrors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "variant 'late': $.capacity.perDay: must be at least 1 and at most 1000, found the number 0",
        }));
    }

    [Test]
    public void Resolve_ElementsWithIdsIntoAnAbsentList_AreAddedAndUnknownRemovalsReported()
    {
        var document = WithVariants("""
            [{ "id": "derby", "changes": { "events": [{ "id": "derby", "name": "Derby", "kind": "sports", "start": "2027-03-13", "end": "2027-03-13", "impact": 0.2 }] } },
             { "id": "no-final", "changes": { "events": [{ "id": "final", "remove": true }] } }]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(document.Resolve("derby").Events.Select(e => e.Id), Is.EqualTo(new[] { "derby" }));
            Assert.That(document.VariantErrors.Select(e => e.ToString()), Is.EqualTo(new[]
            {
                "variant 'no-final': $.variants[1].changes.events[0]: removes 'final', but no element there has that id",
            }));
        });
    }

    [Test]
    public void Load_VariantChangingTheVariants_IsReportedWithItsId()
    {
        var document = WithVariants("""[{ "id": "nested", "changes": { "variants": [{ "id": "inner", "changes": {} }] } }]""");

        Assert.That(document.VariantErrors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "variant 'nested': $.variants[0].changes.variants: a variant cannot change the variants; list each variant at the top level",
        }));
    }
}
