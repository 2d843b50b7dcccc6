using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Loading;

public class ScenarioLoaderTests
{
    private static IEnumerable<string> BundledScenarios()
        => Directory.EnumerateFiles(RepositoryPaths.Scenarios, "*.json").Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(BundledScenarios))]
    public void LoadFile_BundledScenario_BaseAndEveryVariantAreValid(string file)
    {
        var document = Scenarios.Loader.LoadFile(Path.Combine(RepositoryPaths.Scenarios, file));

        Assert.That(document.VariantErrors.Select(e => e.ToString()), Is.Empty);
        Assert.That(document.Scenario.Titles, Is.Not.Empty);
    }

    [Test]
    public void Load_MinimalScenario_AppliesScenarioDefaults()
    {
        var scenario = Scenarios.LoadScenario(Scenarios.Minimal());

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Description, Is.EqualTo(""));
            Assert.That(scenario.ReleaseDays, Is.EquivalentTo(new[] { IsoDayOfWeek.Friday }));
            Assert.That(scenario.BlackoutDates, Is.Empty);
            Assert.That(scenario.LaunchWindowDays, Is.EqualTo(7));
            Assert.That(scenario.GlobalLaunch.TimeZone.Id, Is.EqualTo("America/Los_Angeles"));
            Assert.That(scenario.GlobalLaunch.Time, Is.EqualTo(LocalTime.Midnight));
            Assert.That(scenario.Events, Is.Empty);
            Assert.That(scenario.Capacity.PerDay, Is.EqualTo(3));
            Assert.That(scenario.Capacity.TentpolesPerDay, Is.EqualTo(1));
            Assert.That(scenario.Capacity.TentpoleSpacingDays, Is.Zero);
            Assert.That(scenario.Capacity.MarketingBudgetPerWeek, Is.Null);
            Assert.That(scenario.Objective.GenreClashCost, Is.Zero);
            Assert.That(scenario.Objective.MoveCost, Is.Zero);
            Assert.That(scenario.Replan.FreezeDays, Is.EqualTo(14));
            Assert.That(scenario.Solver.TimeLimitSeconds, Is.EqualTo(60));
            Assert.That(scenario.Solver.RelativeGap, Is.EqualTo(0.001));
            Assert.That(scenario.Regions[0].ReleaseTime, Is.EqualTo(LocalTime.Midnight));
        });
    }

    [Test]
    public void Load_MinimalTitle_AppliesTitleDefaults()
    {
        var title = Scenarios.LoadScenario(Scenarios.Minimal()).TitlesById["a"];

        Assert.Multiple(() =>
        {
            Assert.That(title.Kind, Is.EqualTo(TitleKind.Other));
            Assert.That(title.Regions, Is.EqualTo(new[] { "us", "uk" }));
            Assert.That(title.Affinity, Is.EquivalentTo(new Dictionary<string, double> { ["us"] = 1, ["uk"] = 1 }));
            Assert.That(title.Release, Is.EqualTo(ReleaseMode.Either));
            Assert.That(title.LeadRegion, Is.EqualTo("us"));
            Assert.That(title.StaggerMaxDays, Is.EqualTo(28));
            Assert.That(title.Tentpole, Is.False);
            Assert.That(title.Earliest, Is.EqualTo(new LocalDate(2027, 3, 1)));
            Assert.That(title.Latest, Is.EqualTo(new LocalDate(2027, 4, 30)));
            Assert.That(title.Readiness, Is.Empty);
            Assert.That(title.Preferred, Is.Null);
            Assert.That(title.DelayCostPerWeek, Is.Zero);
            Assert.That(title.Pins, Is.Empty);
            Assert.That(title.After, Is.Empty);
            Assert.That(title.MarketingCost, Is.Zero);
            Assert.That(title.Optional, Is.False);
        });
    }

    [Test]
    public void Load_NoLeadRegion_PicksLargestAudienceTimesAffinity()
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["affinity"] = new System.Text.Json.Nodes.JsonObject { ["uk"] = 3.5 };

        var title = Scenarios.LoadScenario(document).TitlesById["a"];

        Assert.That(title.LeadRegion, Is.EqualTo("uk"));
    }

    [Test]
    public void Load_LeadRegionTie_PicksFirstRegionInFileOrder()
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["affinity"] = new System.Text.Json.Nodes.JsonObject { ["uk"] = 3 };

        var title = Scenarios.LoadScenario(document).TitlesById["a"];

        Assert.That(title.LeadRegion, Is.EqualTo("us"));
    }

    [Test]
    public void Load_SinglePinnedDate_PinsEveryRegionOfTheTitle()
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["pinned"] = "2027-03-12";

        var title = Scenarios.LoadScenario(document).TitlesById["a"];

        Assert.That(title.Pins, Is.EquivalentTo(new Dictionary<string, LocalDate>
        {
            ["us"] = new(2027, 3, 12),
            ["uk"] = new(2027, 3, 12),
        }));
    }

    [Test]
    public void Load_RegionCalendar_ReplacesReleaseDaysAndAddsBlackouts()
    {
        var document = Scenarios.Minimal();
        document["blackoutDates"] = new System.Text.Json.Nodes.JsonArray("2027-03-05");
        var uk = document["regions"]![1]!.AsObject();
        uk["releaseDays"] = new System.Text.Json.Nodes.JsonArray("thursday", "friday");
        uk["blackoutDates"] = new System.Text.Json.Nodes.JsonArray("2027-03-11");

        var region = Scenarios.LoadScenario(document).RegionsById["uk"];

        Assert.Multiple(() =>
        {
            Assert.That(region.ReleaseDays, Is.EquivalentTo(new[] { IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }));
            Assert.That(region.BlackoutDates, Is.EquivalentTo(new[] { new LocalDate(2027, 3, 5), new LocalDate(2027, 3, 11) }));
            Assert.That(region.IsReleaseDay(new LocalDate(2027, 3, 18)), Is.True);
            Assert.That(region.IsReleaseDay(new LocalDate(2027, 3, 11)), Is.False);
        });
    }

    [Test]
    public void Load_SameFileTwice_GivesTheSameSha256()
    {
        var first = Scenarios.Load(Scenarios.Minimal());
        var second = Scenarios.Load(Scenarios.Minimal());

        Assert.That(first.Sha256, Is.EqualTo(second.Sha256).And.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void LoadFile_MissingFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "scheduler-no-such-file.json");

        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Loader.LoadFile(path));

        Assert.That(ex!.Message, Is.EqualTo(
            $"Scenario '{path}' has 1 error:\n{path}: cannot read the file: Could not find file '{path}'."));
    }

    [Test]
    public void Load_SeveralProblems_ReportsEveryOneInOneException()
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["regions"] = new System.Text.Json.Nodes.JsonArray("us", "fr");
        Scenarios.Title(document, 1)["id"] = "a";
        document["regions"]![0]!["timeZone"] = "Mars/Olympus";

        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document));

        Assert.That(ex!.Message, Is.EqualTo(
            """
            Scenario 'test.json' has 3 errors:
            $.regions[0].timeZone: 'Mars/Olympus' is not a known IANA time zone
            $.titles[0].regions[1]: title 'a' names unknown region 'fr'
            $.titles[1].id: title id 'a' is already used at $.titles[0]
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Resolve_UnknownVariant_ListsTheKnownOnes()
    {
        var document = Scenarios.Minimal();
        document["variants"] = System.Text.Json.Nodes.JsonNode.Parse("""[{ "id": "cut", "changes": { "capacity": { "perDay": 1 } } }]""");

        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document).Resolve("cutt"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Errors.Single().Path, Is.EqualTo(ErrorPath.RequestedVariant), "the loader names no command-line option");
            Assert.That(ex.Describe("--variant"), Is.EqualTo(
                "Scenario 'test.json' has 1 error:\n--variant: the scenario has no variant 'cutt' (variants: cut)"));
        }
    }

    [Test]
    public void Load_StaggeredPinsFartherApartThanTheWindow_IsRejected()
    {
        var document = Scenarios.Minimal();
        document["regions"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "jp", "name": "Japan", "timeZone": "Asia/Tokyo", "audience": 1 }"""));
        var title = Scenarios.Title(document, 0);
        title["release"] = "staggered";
        title["staggerMaxDays"] = 7;
        title["pinned"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "uk": "2027-03-05", "jp": "2027-03-19" }""");

        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document));

        Assert.That(ex!.Message, Is.EqualTo(
            "Scenario 'test.json' has 1 error:\n" +
            "$.titles[0].pinned: title 'a' is staggered over at most 7 days, but is pinned to 2027-03-05 in region 'uk' and 2027-03-19 in region 'jp'"));
    }

    [Test]
    public void Load_TitleWithEmptyRegions_IsRejected()
    {
        var document = Scenarios.Minimal();
        Scenarios.Title(document, 0)["regions"] = new System.Text.Json.Nodes.JsonArray();

        var ex = Assert.Throws<ScenarioValidationException>(() => Scenarios.Load(document));

        Assert.That(ex!.Message, Is.EqualTo("Scenario 'test.json' has 1 error:\n$.titles[0].regions: must list at least one item"));
    }
}
