using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Tests.Support;

namespace Scheduler.Publishing.Tests.Hosting;

/// <summary>What the plan watcher says: a condition once when it begins, not at every look.</summary>
public class PlanWatcherLogTests
{
    [Test]
    public async Task CheckAsync_NoPlanOfRecordForThreeLooksThenAnAdoption_SaysEachOnce()
    {
        using var fixture = new PublishingFixture();
        using var host = fixture.Host();
        var logger = new FakeLogger<PlanWatcher>();
        var watcher = ActivatorUtilities.CreateInstance<PlanWatcher>(host.Services, logger);

        for (var look = 0; look < 3; look++)
        {
            await watcher.CheckAsync();
        }

        var run = await fixture.AdoptPlanAsync(("a", "us", PublishingFixture.Now + NodaTime.Duration.FromDays(3)));
        await watcher.CheckAsync();
        await watcher.CheckAsync();

        Assert.That(
            logger.Collector.GetSnapshot().Select(r => r.Message.Split('@')[0]),
            Is.EqualTo(new[] { "No plan of record yet; waiting for an adoption", $"Plan of record is run {run}" }));
    }
}
