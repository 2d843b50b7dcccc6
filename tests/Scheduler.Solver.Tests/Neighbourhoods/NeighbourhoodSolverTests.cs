using FsCheck;
using FsCheck.Fluent;
using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Solver.Construction;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;
using Scheduler.Solver.Neighbourhoods;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Neighbourhoods;

public class NeighbourhoodSolverTests
{
    private static (CandidateSet Candidates, SlateState Start) TinySlate(int titles, int regions, int seed)
    {
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(titles, regions, 1, seed, 1, Contention.High)));
        var candidates = CandidateSet.Build(new ValueModel(scenario));
        var construction = new SlateConstruction(candidates, () => new SlateState(candidates), Solver(candidates), TimeProvider.System, 1)
            .Build(null, TimeSpan.FromSeconds(10), CancellationToken.None);
        var start = construction.Best
            ?? Solver(candidates).Solve(construction.Partial!, [.. candidates.Titles.Where(t => t.CanBeScheduled)], TimeSpan.FromSeconds(30), 1, CancellationToken.None).State!;
        return (candidates, start);
    }

    private static NeighbourhoodSolver Solver(CandidateSet candidates) => new(candidates, new CpSatSearch(), new ModelOptions());

    private static double WholeModelOptimum(CandidateSet candidates)
    {
        var model = new ReleaseModelBuilder(candidates).Build();
        var result = new CpSatSearch().Solve(model, new SearchSettings(TimeSpan.FromSeconds(30), 0, 1));
        Assert.That(result.Status, Is.EqualTo(SearchStatus.Optimal));
        var slate = new SlateState(candidates);
        foreach (var assignment in ModelSolution.Read(model, v => result.Solution![v] != 0))
        {
            var title = candidates.ById[assignment.TitleId];
            slate.Place(title, PlacementOptions.Of(candidates, title, assignment)!);
        }

        return slate.Objective;
    }

    [TestCase(6, 2, 3)]
    [TestCase(8, 1, 11)]
    [TestCase(7, 3, 19)]
    public void Solve_EveryTitleFree_GivesTheWholeModelOptimum(int titles, int regions, int seed)
    {
        var (candidates, start) = TinySlate(titles, regions, seed);

        var result = Solver(candidates).Solve(start, [.. candidates.Titles.Where(t => t.CanBeScheduled)], TimeSpan.FromSeconds(30), 1, CancellationToken.None);

        Assert.That(result.State!.Objective, Is.EqualTo(WholeModelOptimum(candidates)).Within(1e-6));
    }

    [TestCase(6, 2, 3)]
    [TestCase(8, 1, 11)]
    public void Solve_SomeTitlesFreeOnAnOptimalSlate_FindsNothingBetter(int titles, int regions, int seed)
    {
        var (candidates, start) = TinySlate(titles, regions, seed);
        var optimal = Solver(candidates).Solve(start, [.. candidates.Titles.Where(t => t.CanBeScheduled)], TimeSpan.FromSeconds(30), 1, CancellationToken.None).State!;

        var free = candidates.Titles.Where(t => t.CanBeScheduled && t.Index % 2 == 0).ToList();
        var again = Solver(candidates).Solve(optimal, free, TimeSpan.FromSeconds(30), 1, CancellationToken.None);

        Assert.That(again.State!.Objective, Is.EqualTo(optimal.Objective).Within(1e-6));
    }

    [Test]
    public void Run_RandomContendedSlates_NeverEndsWorseThanItsStartAndItsPlanVerifies()
    {
        var sizes = from titles in Gen.Choose(5, 25)
                    from regions in Gen.Choose(1, 3)
                    from seed in Gen.Choose(0, 100_000)
                    select (titles, regions, seed);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(12), Prop.ForAll(sizes.ToArbitrary(), size =>
        {
            var (candidates, start) = TinySlate(size.titles, size.regions, size.seed);
            var search = new LargeNeighbourhoodSearch(candidates, Solver(candidates), TimeProvider.System);
            var trace = new ProgressTrace(TimeProvider.System, TimeProvider.System.GetTimestamp(), null);

            var (best, counts) = search.Run(start, TimeSpan.FromSeconds(1.5), 0, () => double.PositiveInfinity, 2, size.seed, trace, CancellationToken.None);

            var values = new ValueModel(candidates.Scenario);
            var plan = PlanFactory.Create(values, new PlanScenario("x", "y", null), best.Assignments(), k => new PlanSolver("", "", k.Objective, null, null, 0, 0, 0), NodaTime.Instant.MinValue);
            return best.Objective >= start.Objective - 1e-9
                && Math.Abs(plan.Kpis.Objective - best.Objective) < 1e-6
                && new PlanVerifier(values).Verify(plan).IsValid
                && counts.Tried > 0;
        }));
    }
}
