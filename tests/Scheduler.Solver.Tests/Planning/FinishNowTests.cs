using Scheduler.Core.Generation;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;

namespace Scheduler.Solver.Tests.Planning;

/// <summary>
/// A planner's "finish now": a contended slate (200 titles in 12 regions) that a two-minute limit does not prove, told to finish
/// once a plan is found, ends long before its limit with that plan (or a better one), verified and
/// feasible, its bound and gap as found; a run told to finish before it starts searches no longer.
/// </summary>
public class FinishNowTests
{
    private static PlanRequest Request(CancellationToken finishNow, int? seed = null)
    {
        var scenario = Scenarios.LoadScenario(ScenarioGenerator.Generate(new GeneratorOptions(200, 12, 1, 7, contention: Contention.High)));
        return new PlanRequest(scenario, new PlanScenario(scenario.Name, "sha", null), PlanEngine.CpSat, TimeSpan.FromSeconds(120), 1e-9, 2)
        {
            FinishNow = finishNow,
            Seed = seed,
        };
    }

    [TestCase(null)]
    [TestCase(5)]
    public void Plan_ToldToFinishOnceAPlanIsFound_EndsWithItVerifiedLongBeforeTheLimit(int? seed)
    {
        using var finish = new CancellationTokenSource();
        var found = new List<double>();
        var progress = new Progress(p =>
        {
            if (p.Incumbent is { } incumbent)
            {
                lock (found)
                {
                    found.Add(incumbent);
                }

                finish.Cancel();
            }
        });

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(Request(finish.Token, seed), progress);
        watch.Stop();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Feasible));
            Assert.That(outcome.Verification!.IsValid, Is.True);
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "the search ended when told, not at its limit");
            Assert.That(outcome.VerifiedPlan!.Solver.Objective, Is.GreaterThanOrEqualTo(found.Min() - 1e-6));
            Assert.That(outcome.VerifiedPlan.Solver.Gap, Is.Positive);
        }
    }

    [Test]
    public void Plan_ToldToFinishBeforeItStarts_EndsAtOnceWithAPlanOrSaysNoneWasFoundYet()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(Request(new CancellationToken(canceled: true)));
        watch.Stop();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
            if (outcome.Status == PlanningStatus.NoSolution)
            {
                Assert.That(outcome.Reasons, Is.EqualTo(new[] { "no plan had been found when the run was told to finish" }));
            }
            else
            {
                Assert.That((outcome.Status, outcome.Verification!.IsValid), Is.EqualTo((PlanningStatus.Feasible, true)));
            }
        }
    }

    // Reports on the planner's thread, so that the signal is given while the search runs.
    private sealed class Progress(Action<PlanningProgress> report) : IProgress<PlanningProgress>
    {
        public void Report(PlanningProgress value) => report(value);
    }
}
