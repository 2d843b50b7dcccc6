using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Bounds;
using Scheduler.Solver.Construction;
using Scheduler.Solver.Model;
using Scheduler.Solver.Neighbourhoods;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Neighbourhoods;

/// <summary>The neighbourhood the bound points at: around the title its plan shortchanges most.</summary>
public class NeighbourhoodSelectorTests
{
    [Test]
    public void Select_Priced_StartsAtTheTitlePlacedFurthestBelowItsBestPricedOption()
    {
        var scenario = OneRegion();
        AddTitle(scenario, "a", 100, "2027-03-19");
        AddTitle(scenario, "b", 100, "2027-03-19");
        AddTitle(scenario, "c", 100, "2027-03-19");
        var candidates = CandidateSet.Build(new ValueModel(Scenarios.LoadScenario(scenario)));
        var bound = new LagrangianBound(candidates);
        bound.Compute(null, 50, () => false);
        var slate = new SlateState(candidates);

        // a and c on their preferred Friday; b three weeks later, at 70% of its value.
        Place(slate, candidates, "a", D(3, 19));
        Place(slate, candidates, "b", D(4, 9));
        Place(slate, candidates, "c", D(3, 19));
        var gain = bound.Gains();
        var selector = new NeighbourhoodSelector(candidates, gain);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(selector.HasGains, Is.True);
            Assert.That(gain(slate, candidates.ById["a"]), Is.EqualTo(0).Within(1e-9));
            Assert.That(gain(slate, candidates.ById["b"]), Is.EqualTo(30).Within(1e-6), "demand 100 in the one region, 10% a week for three weeks");
            Assert.That(selector.Select(NeighbourhoodKind.Priced, 1, slate, new Random(1)).Select(t => t.Title.Id), Is.EqualTo(new[] { "b" }));
            Assert.That(new NeighbourhoodSelector(candidates).HasGains, Is.False);
        }
    }

    private static void Place(SlateState slate, CandidateSet candidates, string id, NodaTime.LocalDate date)
    {
        var title = candidates.ById[id];
        var day = candidates.Calendar.Day(date);
        var index = Array.IndexOf(title.GlobalDays, day);
        slate.Place(title, new Placement(PlanModes.Global, day, new Dictionary<string, int>(StringComparer.Ordinal) { ["us"] = day }, title.GlobalValues[index]));
    }
}
