using Microsoft.Extensions.Logging;
using Scheduler.Application.Hosting;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Publishing.Sinks;
using Scheduler.Publishing.Tests.Support;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Tests.Replanning;

// The test scenarios, not the application namespace of the same name.
using Scenarios = Scheduler.Core.Tests.Support.Scenarios;

/// <summary>The nightly replan, as a serve host runs it on its cron schedule.</summary>
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
            first = await database.Runs.StoreAsync(NewRun.ForVerifiedPlan(outcome.Plan!, document.Content, RunTrigger.Cli, outcome.Plan!.GeneratedAt, outcome.Plan.GeneratedAt));
            await database.PlanOfRecord.AdoptAsync(first, "test");
        }

        var options = new ServeOptions(fixture.Database, new FileSink(fixture.SinkPath)) { PollInterval = TimeSpan.FromMilliseconds(200), ReplanCron = "0/2 * * * * ?" };
        using (var host = ServeHost.Build(options, TimeProvider.System, logging => logging.SetMinimumLevel(LogLevel.Warning)))
        {
            await host.StartAsync();
            await PublishingFixture.WaitUntilAsync(
                async () =>
                {
                    await using var database = await fixture.OpenAsync();
                    return (await database.Runs.ListAsync(10)).Any(r => r.Trigger == RunTrigger.Nightly);
                },
                TimeSpan.FromSeconds(60));
            await host.StopAsync();
        }

        await using var check = await fixture.OpenAsync();
        var nightly = (await check.Runs.ListAsync(10)).First(r => r.Trigger == RunTrigger.Nightly);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(nightly.Verified, Is.True);
            Assert.That(await check.PlanOfRecord.CurrentAsync(), Is.EqualTo(nightly.Id));
            Assert.That((await check.PlanOfRecord.AuditAsync())[^1].Action, Is.EqualTo(AuditAction.Replan));
            Assert.That((await check.PlanOfRecord.AuditAsync())[^1].Actor, Is.EqualTo("serve:nightly"));
        }
    }
}
