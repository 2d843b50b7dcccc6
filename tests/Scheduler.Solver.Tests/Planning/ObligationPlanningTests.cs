using System.Text.Json.Nodes;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Construction;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;
using Scheduler.Solver.Neighbourhoods;
using Scheduler.Solver.Planning;
using static Scheduler.Solver.Tests.Planning.PlannerHarness;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// Rule 13 (obligations), the one lower bound: where it binds and where it cannot on three titles,
/// planned by CP-SAT and the greedy baseline (the harness verifies every plan); a period the
/// construction fills only by re-solving the titles around it; one that cannot be filled, explained.
/// </summary>
public class ObligationPlanningTests
{
    private static readonly PlanEngine[] Engines = [PlanEngine.CpSat, PlanEngine.Greedy];

    // March and April 2027 in one region; one local premiere a month is asked for.
    private static JsonObject LocalMonthly(string aPrefers, string bPrefers)
    {
        var scenario = OneRegion();
        scenario["obligations"] = JsonNode.Parse("""[{ "id": "local-monthly", "genres": ["local"], "min": 1, "per": "month" }]""");
        AddTitle(scenario, "a", 100, aPrefers, t => t["genres"] = new JsonArray("local"));
        AddTitle(scenario, "b", 50, bPrefers, t => t["genres"] = new JsonArray("local"));
        AddTitle(scenario, "c", 80, "2027-03-19");
        return scenario;
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_BothLocalTitlesWantApril_TheCheaperOneMovesToMarch(PlanEngine engine)
    {
        var plan = Plan(LocalMonthly("2027-04-09", "2027-04-16"), engine).Plan!;

        Assert.Multiple(() =>
        {
            Assert.That(DateOf(plan, "a"), Is.EqualTo(D(4, 9)));
            Assert.That(DateOf(plan, "b"), Is.EqualTo(D(3, 26)), "three weeks early costs b 15, two weeks early would cost a 20");
        });
    }

    [TestCaseSource(nameof(Engines))]
    public void Plan_LocalTitlesAlreadyInEachMonth_ChangeNothing(PlanEngine engine)
    {
        var plan = Plan(LocalMonthly("2027-03-12", "2027-04-16"), engine).Plan!;

        Assert.That((DateOf(plan, "a"), DateOf(plan, "b")), Is.EqualTo((D(3, 12), D(4, 16))));
    }

    // March to May, one release a day: four big titles fill March's Fridays by demand; the local
    // titles want April (two) and May (one); one local premiere a month is asked for.
    private static JsonObject MarchIsFull()
    {
        var scenario = OneRegion();
        scenario["horizon"] = new JsonObject { ["start"] = "2027-03-01", ["end"] = "2027-05-31" };
        scenario["capacity"] = new JsonObject { ["perDay"] = 1 };
        scenario["obligations"] = JsonNode.Parse("""[{ "id": "local-monthly", "genres": ["local"], "min": 1, "per": "month", "regions": ["us"] }]""");
        foreach (var (id, day) in new[] { ("w05", "2027-03-05"), ("w12", "2027-03-12"), ("w19", "2027-03-19"), ("w26", "2027-03-26") })
        {
            AddTitle(scenario, id, 100, day, t => t["latest"] = "2027-04-30");
        }

        AddTitle(scenario, "local", 10, "2027-04-09", t => t["genres"] = new JsonArray("local"));
        AddTitle(scenario, "late", 10, "2027-04-16", t => t["genres"] = new JsonArray("local"));
        AddTitle(scenario, "may", 10, "2027-05-07", t => { t["genres"] = new JsonArray("local"); t["earliest"] = "2027-05-01"; });
        AddTitle(scenario, "j1", 50, "2027-05-21", t => t["earliest"] = "2027-05-15");
        AddTitle(scenario, "j2", 50, "2027-05-28", t => t["earliest"] = "2027-05-15");
        return scenario;
    }

    [Test]
    public void Construction_PeriodFullOfBiggerTitles_IsFilledByMovingOneOfThemOut()
    {
        var candidates = CandidateSet.Build(new ValueModel(Scenarios.LoadScenario(MarchIsFull())));
        var greedy = new GreedyPlanner(candidates, () => new SlateState(candidates)).Plan(ConstructionOrder.Demand);
        var neighbourhoods = new NeighbourhoodSolver(candidates, new CpSatSearch(), new ModelOptions());

        var built = new SlateConstruction(candidates, () => new SlateState(candidates), neighbourhoods, TimeProvider.System, 1)
            .Build(null, TimeSpan.FromSeconds(10), CancellationToken.None).Best!;

        Assert.Multiple(() =>
        {
            Assert.That(greedy.Complete, Is.False, "moves alone find March full");
            Assert.That(greedy.Shortfalls.Single().Obligation.Id, Is.EqualTo("local-monthly"));
            Assert.That(built.ObligationShortfall(), Is.Zero);
            Assert.That(built.Assignments().Count(a => a.Dates["us"].Month == 3), Is.EqualTo(4), "one big title left March for a local one");
        });
    }

    [Test]
    public void Plan_PeriodFullOfBiggerTitles_CpSatMeetsTheObligationAndGreedySaysItCannot()
    {
        var cpSat = Plan(MarchIsFull());
        var greedy = Plan(MarchIsFull(), PlanEngine.Greedy);

        Assert.Multiple(() =>
        {
            Assert.That(cpSat.Plan!.Releases.Count(r => r.Date.Month == 3 && r.Title is "local" or "late"), Is.EqualTo(1));
            Assert.That(greedy.Status, Is.EqualTo(PlanningStatus.NoSolution));
            Assert.That(greedy.Reasons, Has.Some.EqualTo("the demand order could not meet obligation 'local-monthly' in us in 2027-03 by moving titles"));
        });
    }

    [Test]
    public void Plan_ObligationNoTitleCanMeet_IsInfeasibleNamingThePeriodAndTheHoldback()
    {
        var scenario = OneRegion();
        scenario["obligations"] = JsonNode.Parse("""[{ "id": "eu-local", "genres": ["local"], "min": 2, "per": "month" }]""");
        AddTitle(scenario, "a", 100, "2027-03-12", t => t["genres"] = new JsonArray("local"));
        AddTitle(scenario, "b", 50, "2027-04-09", t =>
        {
            t["genres"] = new JsonArray("local");
            t["holdbacks"] = JsonNode.Parse("""[{ "until": { "date": "2027-03-20", "name": "its theatrical window" }, "days": 14 }]""");
        });
        AddTitle(scenario, "c", 80, "2027-03-19");

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Reasons, Is.EqualTo(new[]
            {
                "the 'eu-local' obligation needs 2 premieres in us in 2027-03; only a can release there then, and b is held back by its theatrical window until 2027-04-03",
            }));
        });
    }

    [Test]
    public void Plan_MonthsAskingForMoreTitlesThanThereAre_IsInfeasibleCountingThem()
    {
        var scenario = LocalMonthly("2027-03-12", "2027-04-16");
        scenario["obligations"]![0]!["min"] = 2;
        scenario["titles"]![2]!["genres"] = new JsonArray("local");

        var outcome = Plan(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Infeasible));
            Assert.That(outcome.Reasons, Is.EqualTo(new[] { "the 'local-monthly' obligation needs 2 premieres in us in each of 2 months (4 in all), but only 3 matching titles (a, b and c) can premiere there then" }));
        });
    }
}
