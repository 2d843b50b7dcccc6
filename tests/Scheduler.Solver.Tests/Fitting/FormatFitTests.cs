using System.Text.Json.Nodes;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Fitting;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.FormatChoicePathsTests;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Fitting;

/// <summary>Fits beside titles that offer formats keep the formats the plan chose; a title that offers several is not fitted.</summary>
public class FormatFitTests
{
    [Test]
    public void Fit_TitleWithFormats_IsRefused()
    {
        var scenario = Scenarios.LoadScenario(Slate());
        var plan = new ReleasePlanner(TimeProvider.System).Plan(Request(scenario)).VerifiedPlan!;

        Assert.That(() => TitleFitter.Fit(new ValueModel(scenario), plan, "show", 3), Throws.ArgumentException.With.Message.StartsWith("Title 'show' offers several formats"));
    }

    [Test]
    public void Fit_BesideATitleWithFormats_SeesItInItsChosenFormatAndNamesItAsItself()
    {
        // One release a day: fitting "new" on show's 04-09 moves show aside.
        var document = Slate();
        document["capacity"] = new JsonObject { ["perDay"] = 1 };
        var plan = new ReleasePlanner(TimeProvider.System).Plan(Request(Scenarios.LoadScenario(document))).VerifiedPlan!;

        var result = TitleFitter.Fit(new ValueModel(Scenarios.LoadScenario(Added(document))), plan, "new", 9);

        var onShowsDate = result.Options.Where(o => o.Dates["us"] == D(4, 9)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(onShowsDate, Is.Not.Empty);
            Assert.That(onShowsDate.Select(o => o.Displaced.Select(d => d.Title)), Has.All.Contains("show"));
            Assert.That(result.Options.SelectMany(o => o.Displaced).Select(d => d.Title), Has.None.Contains("."));
        });
    }

    private static JsonObject Added(JsonObject scenario)
    {
        var copy = scenario.DeepClone().AsObject();
        AddTitle(copy, "new", 10, "2027-04-09");
        return copy;
    }
}
