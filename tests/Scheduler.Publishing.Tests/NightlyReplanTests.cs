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
        await using (var database = await fixture.OpenAsync())
        {
            first = await database.Runs.StoreAsync(NewRun.ForVerifiedPlan(outcome.Plan!, document.Content, RunTriggers.Cli, outcome.Plan!.GeneratedAt, outcome.Plan.GeneratedAt));
            await database.PlanOfRecord.AdoptAsync(first, "test");
        }

        using (var host = fixture.Host(replanCron: "0/2 * * * * ?"))
        {
            await host.StartAsync();
            await PublishingFixture.WaitUntilAsync(
                async () =>
                {
                    await using var database = await fixture.OpenAsync();
                    return (await database.Runs.ListAsync(10)).Any(r => r.Trigger == RunTriggers.Nightly);
                },
                TimeSpan.FromSeconds(60));
            await host.StopAsync();
        }

        await using var check = await fixture.OpenAsync();
        var nightly = (await check.Runs.ListAsync(10)).First(r => r.Trigger == RunTriggers.Nightly);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(nightly.Verified, Is.True);
            Assert.That(await check.PlanOfRecord.CurrentAsync(), Is.EqualTo(nightly.Id));
            Assert.That((await check.PlanOfRecord.AuditAsync())[^1].Action, Is.EqualTo("replan"));
            Assert.That((await check.PlanOfRecord.AuditAsync())[^1].Actor, Is.EqualTo("serve:nightly"));
        }
    }
}
