using System.Diagnostics;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Cbc;
using Scheduler.Solver.Isolation;
using Scheduler.Solver.Planning;
using Scheduler.Solver.Tests.Planning;

namespace Scheduler.Solver.Tests.Isolation;

public class WorkerProcessSolverTests
{
    private static MipModel Tiny()
    {
        var model = new MipModel(ObjectiveSense.Maximize);
        model.AddColumn("x", 0, 1, 1, isInteger: true);
        return model;
    }

    private static Func<IReadOnlyList<string>, ProcessStartInfo> Shell(string script)
        => _ => new ProcessStartInfo("sh") { ArgumentList = { "-c", script } };

    [Test]
    public void Solve_WorkerCrashes_ReturnsNoSolutionWithTheReason()
    {
        var solver = new WorkerProcessSolver(Shell("kill -SEGV $$"));

        var result = solver.Solve(Tiny(), new CbcOptions { TimeLimit = TimeSpan.FromSeconds(5) });

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(MipStatus.NoSolution));
            Assert.That(result.HasSolution, Is.False);
            Assert.That(result.Failure, Does.StartWith("the solver process failed (exit code "));
        });
    }

    [Test]
    public void Solve_WorkerPastItsDeadline_IsEnded()
    {
        var solver = new WorkerProcessSolver(Shell("sleep 60"), minimumGrace: TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        var result = solver.Solve(Tiny(), new CbcOptions { TimeLimit = TimeSpan.FromMilliseconds(300) });

        Assert.Multiple(() =>
        {
            Assert.That(result.Failure, Does.StartWith("the solver did not stop within its time limit"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public void Solve_Cancelled_EndsTheWorkerAndThrows()
    {
        var solver = new WorkerProcessSolver(Shell("sleep 60"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.Throws<OperationCanceledException>(() => solver.Solve(Tiny(), new CbcOptions(), cancellation.Token));
    }

    [Test]
    public void Plan_SolverProcessFails_FallsBackToTheStartingPlanWithANote()
    {
        var scenario = PlannerHarness.OneRegion();
        scenario["capacity"] = new System.Text.Json.Nodes.JsonObject { ["perDay"] = 1 };
        PlannerHarness.AddTitle(scenario, "a", 100, "2027-03-19");
        PlannerHarness.AddTitle(scenario, "b", 50, "2027-03-19");
        var document = Scenarios.Load(scenario);
        var request = new PlanRequest(document.Scenario, new PlanScenario("Rule test", document.Sha256, null), PlanEngine.Cbc, TimeSpan.FromSeconds(5), 0, 1);

        var outcome = new ReleasePlanner(TimeProvider.System, new WorkerProcessSolver(Shell("exit 3"))).Plan(request);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(PlanningStatus.Feasible));
            Assert.That(outcome.Verification!.IsValid, Is.True);
            Assert.That(outcome.Plan!.Releases.Select(r => r.Date), Is.EquivalentTo(new[] { new LocalDate(2027, 3, 19), new LocalDate(2027, 3, 12) }));
            Assert.That(outcome.Reasons, Is.EqualTo(new[] { "the solver process failed (exit code 3); the plan is the starting plan, with the bound proven before solving" }));
        });
    }
}
