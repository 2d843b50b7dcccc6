using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// Alternatives are near-equal plans that differ: each verified, within the fraction asked of the
/// best objective, and differing from the best and from each other in at least the titles asked.
/// </summary>
public class AlternativesTests
{
    [Test]
    public void Alternatives_OfAContendedSlate_DifferEnoughStayWithinTheFractionAndVerify()
    {
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(30, 4, 1, 2027, 1, Contention.High)));
        var request = new PlanRequest(scenario, new PlanScenario(scenario.Name, "sha", null), PlanEngine.CpSat, TimeSpan.FromSeconds(10), 1e-9, 1);
        var planner = new ReleasePlanner(TimeProvider.System);
        var best = planner.Plan(request).VerifiedPlan!;

        var found = planner.Alternatives(request, best, new AlternativeOptions(3, 0.02, 2));

        var plans = found.Alternatives.Select(a => a.VerifiedPlan).ToList();
        var all = plans.Prepend(best).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plans, Has.Count.EqualTo(3).And.All.Not.Null, found.Shortfall);
            Assert.That(plans.Select(p => p!.Kpis.Objective), Has.All.GreaterThanOrEqualTo(best.Kpis.Objective - (0.02 * best.Kpis.Objective) - 1e-9));
            for (var i = 0; i < all.Count; i++)
            {
                for (var j = i + 1; j < all.Count; j++)
                {
                    Assert.That(DifferingTitles(all[i]!, all[j]!), Is.GreaterThanOrEqualTo(2), $"plans {i} and {j}");
                }
            }
        }
    }

    [Test]
    public void Alternatives_NoneWithinTheFraction_SaysSo()
    {
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(30, 4, 1, 2027, 1, Contention.High)));
        var request = new PlanRequest(scenario, new PlanScenario(scenario.Name, "sha", null), PlanEngine.CpSat, TimeSpan.FromSeconds(10), 1e-9, 1);
        var planner = new ReleasePlanner(TimeProvider.System);
        var best = planner.Plan(request).VerifiedPlan!;

        var found = planner.Alternatives(request, best, new AlternativeOptions(2, 0, 30));

        Assert.That((found.Alternatives.Count, found.Shortfall), Is.EqualTo((0, "no other plan within 0% of the best differs from the plans found in at least 30 titles")));
    }

    [Test]
    public void Alternatives_Seeded_SearchSeededAndCountedInWorkAndAreTheSameEachTime()
    {
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(30, 4, 1, 2027, 1, Contention.High)));
        var request = new PlanRequest(scenario, new PlanScenario(scenario.Name, "sha", null), PlanEngine.CpSat, TimeSpan.FromSeconds(4), 1e-9, 1) { Seed = 11 };
        var best = new ReleasePlanner(TimeProvider.System).Plan(request).VerifiedPlan!;
        var searches = new RecordingSearch();
        var planner = new ReleasePlanner(TimeProvider.System, searches);

        var first = planner.Alternatives(request, best, new AlternativeOptions(2, 0.02, 2));
        var second = planner.Alternatives(request, best, new AlternativeOptions(2, 0.02, 2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(searches.Settings, Is.Not.Empty.And.All.Matches<SearchSettings>(s => s.Deterministic && s.Seed == 11), "each search seeded and limited in deterministic work");
            Assert.That(second.Alternatives.Select(Dates).ToList(), Is.EqualTo(first.Alternatives.Select(Dates).ToList()).And.Count.EqualTo(2));
        }
    }

    private static IEnumerable<string> Dates(PlanningOutcome outcome)
        => Assignment.FromPlan(outcome.VerifiedPlan!).Select(x => $"{x.TitleId} {x.Mode} {string.Join(",", x.Dates.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"))}");

    /// <summary>CP-SAT, with the settings of every search it was asked for.</summary>
    private sealed class RecordingSearch : IModelSearch
    {
        private readonly CpSatSearch _inner = new();

        public List<SearchSettings> Settings { get; } = [];

        public SearchResult Solve(ReleaseModel model, SearchSettings settings, ISearchObserver? observer = null, CancellationToken cancellationToken = default)
        {
            Settings.Add(settings);
            return _inner.Solve(model, settings, observer, cancellationToken);
        }
    }

    private static int DifferingTitles(Plan a, Plan b)
    {
        var first = Assignment.FromPlan(a).ToDictionary(x => x.TitleId, StringComparer.Ordinal);
        var second = Assignment.FromPlan(b).ToDictionary(x => x.TitleId, StringComparer.Ordinal);
        return first.Keys.Union(second.Keys).Count(id =>
            !first.TryGetValue(id, out var x) || !second.TryGetValue(id, out var y) || x.Mode != y.Mode
            || x.Dates.Count != y.Dates.Count || x.Dates.Any(kv => !y.Dates.TryGetValue(kv.Key, out var date) || date != kv.Value));
    }
}
