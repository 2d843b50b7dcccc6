using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Model;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Model;

/// <summary>How a scenario whose titles offer formats is planned: one optional title per format, every reference to the title naming each.</summary>
public class FormatExpansionTests
{
    // "show" offers binge and weekly; "show.binge" is already a title's id; "next" follows show; a group and an obligation list show.
    private static Scenario Slate(bool showOptional = false)
    {
        var document = OneRegion();
        AddTitle(document, "show", 100, "2027-04-02");
        AddTitle(document, "show.binge", 50, "2027-03-12");
        AddTitle(document, "next", 40, "2027-04-30", t => t["after"] = JsonNode.Parse("""[{ "title": "show", "minGapDays": 7 }]"""));
        document["spacingGroups"] = JsonNode.Parse("""[{ "id": "franchise", "titles": ["show", "next"], "minDays": 7 }]""");
        document["obligations"] = JsonNode.Parse("""[{ "id": "local", "titles": ["show"], "min": 0, "per": "month" }]""");
        var scenario = Scenarios.LoadScenario(document);
        var show = scenario.TitlesById["show"];
        var formats = new[] { new ReleaseFormat("binge", 1, 7, 1), new ReleaseFormat("weekly", 4, 7, 1.2) };
        return new Scenario(scenario.ToSpec() with
        {
            Titles = [.. scenario.Titles.Select(t => t == show ? new Title(t.ToSpec() with { Formats = formats, Optional = showOptional }) : t)],
        });
    }

    [Test]
    public void Of_TitleWithFormats_StandsOncePerFormatOptionalInThatFormatUnderAnUnusedId()
    {
        var formats = FormatExpansion.Of(Slate());

        var siblings = formats.SiblingsOf("show").Select(id => formats.Expanded.TitlesById[id]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(formats.SiblingsOf("show"), Is.EqualTo(new[] { "show.binge.2", "show.weekly" }));
            Assert.That(siblings.Select(t => (t.Format, t.Drops, t.ValueFactor, t.Optional)), Is.EqualTo(new[] { ("binge", 1, 1.0, true), ("weekly", 4, 1.2, true) }));
            Assert.That(formats.Expanded.Titles.Select(t => t.Id), Is.EqualTo(new[] { "show.binge.2", "show.weekly", "show.binge", "next" }));
            Assert.That((formats.GroupCount, formats.MustRelease(0), formats.GroupOf("show.weekly"), formats.GroupOf("next")), Is.EqualTo((1, true, 0, -1)));
            Assert.That((formats.ParentOf("show.weekly"), formats.FormatOf("show.weekly"), formats.ParentOf("show.binge"), formats.FormatOf("show.binge")), Is.EqualTo(("show", "weekly", "show.binge", (string?)null)));
        });
    }

    [Test]
    public void Of_OptionalTitleWithFormats_LeavesItsGroupFreeToBeEmpty()
        => Assert.That(FormatExpansion.Of(Slate(showOptional: true)).MustRelease(0), Is.False);

    [Test]
    public void Of_ReferencesToTheTitle_NameEveryFormat()
    {
        var expanded = FormatExpansion.Of(Slate()).Expanded;

        Assert.Multiple(() =>
        {
            Assert.That(expanded.TitlesById["next"].After.Select(a => (a.TitleId, a.MinGapDays)), Is.EqualTo(new[] { ("show.binge.2", 7), ("show.weekly", 7) }));
            Assert.That(expanded.SpacingGroups.Single().Titles, Is.EqualTo(new[] { "show.binge.2", "show.weekly", "next" }));
            Assert.That(expanded.Obligations.Single().Titles, Is.EqualTo(new[] { "show.binge.2", "show.weekly" }));
        });
    }

    [Test]
    public void Of_ScenarioWithoutChoices_IsPlannedAsItIs()
    {
        var document = OneRegion();
        AddTitle(document, "a", 10, "2027-03-12");
        var scenario = Scenarios.LoadScenario(document);

        Assert.That(FormatExpansion.Of(scenario).Expanded, Is.SameAs(scenario));
    }

    [Test]
    public void Assignments_GoBetweenTheTitleInItsFormatAndTheFormatsTitle()
    {
        var formats = FormatExpansion.Of(Slate());
        var dates = ImmutableDictionary<string, LocalDate>.Empty.Add("us", D(4, 2));
        var planned = new Assignment("show", PlanModes.Global, dates) { Format = "weekly" };

        var everyFormat = formats.ToExpanded([planned]);
        var named = formats.ToExpanded([planned], everyFormat: false);

        Assert.Multiple(() =>
        {
            Assert.That(everyFormat.Select(a => (a.TitleId, a.Format)), Is.EqualTo(new[] { ("show.weekly", (string?)null), ("show.binge.2", null) }));
            Assert.That(named.Select(a => a.TitleId), Is.EqualTo(new[] { "show.weekly" }));
            Assert.That(formats.ToOriginal(named).Single(), Is.EqualTo(planned));
            Assert.That(formats.Chosen(named), Is.EqualTo(new Dictionary<string, string> { ["show"] = "weekly" }));
        });
    }

    [Test]
    public void Rename_NamesEachFormatsTitleAsTheTitleInThatFormat()
    {
        var formats = FormatExpansion.Of(Slate());

        Assert.That(
            formats.Rename("title show.weekly collides with show.binge and show.binge.2."),
            Is.EqualTo("title show (format weekly) collides with show.binge and show (format binge)."));
    }
}
