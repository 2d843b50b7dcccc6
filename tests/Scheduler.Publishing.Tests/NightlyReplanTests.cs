using System.Text;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Publishing.Tests;

public class NightlyReplanTests
{
    [Test]
    public async Task Serve_ReplanCronFires_StoresANightlyRunAndAdoptsIt()
    {
        using var fixture = new PublishingFixture();
        var path = Path.Combine(RepositoryPaths.Scenarios, "demo.json");
        var document = Scenarios.Loader.LoadFile(path);
        var request = new PlanRequest(document.Scenario, new PlanScenario(document.Scenario.Name, document.Sha256, null), PlanEngine.CpSat, TimeSpan.FromSeconds(20), 0.001, 1);
        var outcome = new ReleasePlanner(TimeProvider.System).Plan(request);
        long first;
        using (var database = fixture.Open())
        {
            first = database.StoreRun(NewRun.ForVerifiedPlan(outcome.Plan!, document.Content, RunTriggers.Cli, outcome.Plan!.GeneratedAt, outcome.Plan.GeneratedAt));
            database.Adopt(first, "test");
        }

        using (var host = fixture.Host(replanCron: "0/2 * * * * ?"))
        {
            await host.StartAsync();
            await PublishingFixture.WaitUntilAsync(
                () =>
                {
                    using var database = fixture.Open();
                    return database.ListRuns(10).Any(r => r.Trigger == RunTriggers.Nightly);
                },
                TimeSpan.FromSeconds(60));
            await host.StopAsync();
        }

        using var check = fixture.Open();
        var nightly = check.ListRuns(10).First(r => r.Trigger == RunTriggers.Nightly);
        Assert.Multiple(() =>
        {
            Assert.That(nightly.Verified, Is.True);
            Assert.That(check.PlanOfRecord(), Is.EqualTo(nightly.Id));
            Assert.That(check.Audit()[^1].Action, Is.EqualTo("replan"));
            Assert.That(check.Audit()[^1].Actor, Is.EqualTo("serve:nightly"));
        });
    }
}
