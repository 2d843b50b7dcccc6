using System.Text.Json.Nodes;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Construction;
using Scheduler.Solver.Planning;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;
using Scheduler.Solver.Neighbourhoods;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

public class SlateConstructionTests
{
    /// <summary>
    /// One release a day. The big title can go on any of four Fridays and likes 03-12 best; each
    /// small one has a single Friday, 03-12 among them. Highest demand first takes 03-12 for the
    /// big title and strands a small one; earliest deadline first places everyone.
    /// </summary>
    private static CandidateSet DemandFirstFails()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "big", 100, "2027-03-12", t => { t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-26"; });
        foreach (var (id, day) in new[] { ("s05", "2027-03-05"), ("s12", "2027-03-12"), ("s19", "2027-03-19") })
        {
            AddTitle(scenario, id, 10, day, t => { t["earliest"] = day; t["latest"] = day; });
        }

        return CandidateSet.Build(new ValueModel(Scenarios.LoadScenario(scenario)));
    }

    [Test]
    public void Greedy_SlateWhereDemandFirstFails_DeadlineFirstPlacesEveryTitle()
    {
        var candidates = DemandFirstFails();
        var greedy = new GreedyPlanner(candidates, () => new SlateState(candidates));

        var demand = greedy.Plan(ConstructionOrder.Demand);
        var deadline = greedy.Plan(ConstructionOrder.Deadline);

        Assert.Multiple(() =>
        {
            Assert.That(demand.Unplaced.Select(t => t.Title.Id), Is.EqualTo(new[] { "s12" }));
            Assert.That(deadline.Complete, Is.True);
            Assert.That(deadline.State.Assignments().Single(a => a.TitleId == "big").Dates["us"], Is.EqualTo(D(3, 26)));
        });
    }

    [Test]
    public void Build_SlateWhereDemandFirstFails_PlacesEveryTitle()
    {
        var candidates = DemandFirstFails();
        var neighbourhoods = new NeighbourhoodSolver(candidates, new CpSatSearch(), new ModelOptions());

        var result = new SlateConstruction(candidates, () => new SlateState(candidates), neighbourhoods, TimeProvider.System, 1)
            .Build(null, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.That(result.Best!.Assignments().Select(a => a.TitleId).Order(), Is.EqualTo(new[] { "big", "s05", "s12", "s19" }));
    }

    [Test]
    public void Repair_DemandOrderThatStrandsATitle_EjectsTheBlockerAndPlacesBoth()
    {
        var candidates = DemandFirstFails();
        var demand = new GreedyPlanner(candidates, () => new SlateState(candidates)).Plan(ConstructionOrder.Demand);
        var slate = demand.State.Clone();

        var left = new EjectionRepair(candidates, TimeProvider.System).Repair(slate, demand.Unplaced, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(left, Is.Empty);
            Assert.That(slate.Assignments().Select(a => (a.TitleId, a.Dates["us"])), Is.EquivalentTo(new[]
            {
                ("big", D(3, 26)), ("s05", D(3, 5)), ("s12", D(3, 12)), ("s19", D(3, 19)),
            }));
        });
    }

    [Test]
    public void Plan_SlateWhereDemandFirstFails_IsPlannedWithEveryTitle()
    {
        var scenario = OneRegion();
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        AddTitle(scenario, "big", 100, "2027-03-12", t => { t["earliest"] = "2027-03-05"; t["latest"] = "2027-03-26"; });
        AddTitle(scenario, "small", 10, "2027-03-12", t => { t["earliest"] = "2027-03-12"; t["latest"] = "2027-03-12"; });

        var outcome = Plan(scenario, Solver.Planning.PlanEngine.Greedy);

        Assert.That(outcome.Plan!.Titles.All(t => t.Scheduled), Is.True, "the deadline order places both where the demand order could not");
    }

    [Test]
    public void SlateState_PlacingAndRemoving_KeepsTheObjectiveOfTheValueModel()
    {
        var scenario = ScenarioGenerator(30, 3, 5);
        var candidates = CandidateSet.Build(new ValueModel(scenario));
        var slate = new GreedyPlanner(candidates, () => new SlateState(candidates)).Plan(ConstructionOrder.Constrained).State;
        foreach (var title in candidates.Titles.Where((t, i) => i % 3 == 0 && slate[t.Index] is not null).ToList())
        {
            var placement = slate.Remove(title);
            slate.Place(title, placement);
            slate.Remove(title);
        }

        var plan = PlanFactory.Create(
            new ValueModel(scenario), new PlanScenario("x", "y", null), slate.Assignments(),
            k => new PlanSolver("", "", k.Objective, null, null, 0, 0, 0), NodaTime.Instant.MinValue);

        Assert.Multiple(() =>
        {
            Assert.That(slate.Value, Is.EqualTo(plan.Kpis.Value).Within(1e-9));
            Assert.That(slate.ClashCost, Is.EqualTo(plan.Kpis.ClashCost).Within(1e-9));
        });
    }

    private static Core.Domain.Scenario ScenarioGenerator(int titles, int regions, int seed)
        => Scenarios.LoadScenario(Core.Generation.ScenarioGenerator.Generate(new Core.Generation.GeneratorOptions(titles, regions, 1, seed, 1, Core.Generation.Contention.High)));
}
