using System.Text.Json.Nodes;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Construction;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;
using Scheduler.Solver.Neighbourhoods;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Neighbourhoods;

/// <summary>A neighbourhood frees a title with formats in each of them, so that it may change format, and never places two.</summary>
public class FormatNeighbourhoodTests
{
    // "show" is placed binge on 04-09; weekly (worth more) fits in the US from 03-05 but nowhere in the UK, whose rights end on 04-01.
    private static (CandidateSet Candidates, SlateState Slate) Slate(int weeklyDrops)
    {
        var document = TwoRegions();
        AddTitle(document, "a", 80, "2027-03-12");
        AddTitle(document, "show", 100, "2027-04-09", t =>
        {
            t["formats"] = JsonNode.Parse($$"""[{ "id": "binge" }, { "id": "weekly", "drops": {{weeklyDrops}}, "valueFactor": 1.5 }]""");
            t["availableUntil"] = new JsonObject { ["uk"] = "2027-04-01" };
        });
        var candidates = CandidateSet.Build(new ValueModel(Scenarios.LoadScenario(document)));
        var slate = new SlateState(candidates);
        var options = new PlacementOptions(candidates, slate);
        foreach (var title in candidates.Titles.Where(t => t.Title.Id is "a" or "show.binge"))
        {
            slate.Place(title, options.Best(title)!.Placement);
        }

        return (candidates, slate);
    }

    [Test]
    public void Solve_FormatWithNoDates_IsLeftOutOfTheNeighbourhoodAndTheTitleStaysInTheOther()
    {
        var (candidates, slate) = Slate(weeklyDrops: 8);
        var binge = candidates.ById["show.binge"];

        var result = new NeighbourhoodSolver(candidates, new CpSatSearch(), new ModelOptions()).Solve(slate, [binge], TimeSpan.FromSeconds(10), 1, CancellationToken.None, radius: 28);

        Assert.Multiple(() =>
        {
            Assert.That(candidates.ById["show.weekly"].CanBeScheduled, Is.False);
            Assert.That(result.State!.AssignmentOf(binge), Is.Not.Null);
        });
    }

    [Test]
    public void Solve_OneFormatFreed_MayMoveTheTitleIntoAnother()
    {
        // Two weekly drops from 03-19 end on 03-26, inside the UK rights: worth half as much again.
        var (candidates, slate) = Slate(weeklyDrops: 2);

        var result = new NeighbourhoodSolver(candidates, new CpSatSearch(), new ModelOptions()).Solve(slate, [candidates.ById["show.binge"]], TimeSpan.FromSeconds(10), 1, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.State![candidates.ById["show.binge"].Index], Is.Null);
            Assert.That(result.State[candidates.ById["show.weekly"].Index], Is.Not.Null);
            Assert.That(result.State.Objective, Is.GreaterThan(slate.Objective));
        });
    }
}
