using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Quartz;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Jobs;
using Scheduler.Publishing.Sinks;
using Scheduler.Publishing.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Publishing.Tests;

/// <summary>The rolling window of triggers: what gets one, and when a filling is needed.</summary>
public class TriggerWindowTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 1, 12, 0);
    private static readonly Duration Window = Duration.FromHours(48);

    // Never started: its triggers are only looked at.
    private static Task<IScheduler> UnstartedSchedulerAsync()
        => QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = $"window-{Guid.NewGuid():N}");
            q.UseInMemoryStore();
        }).BuildScheduler().AsTask();

    private static async Task<string[]> TriggeredAsync(IScheduler scheduler)
        => [.. (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(PublishInstantJob.Group))).Select(k => k.Name).Order(StringComparer.Ordinal)];

    [Test]
    public async Task Fill_DropsOnTheEdgeAndBeyond_TheEdgeHasATriggerAndTheDropBeyondGetsOneFromTheNextFilling()
    {
        using var fixture = new PublishingFixture();
        await fixture.AdoptPlanAsync(
            ("due", "us", Now - Duration.FromMinutes(5)),
            ("next", "us", Now + Duration.FromHours(1)),
            ("next", "uk", Now + Duration.FromHours(1)),
            ("edge", "us", Now + Window),
            ("beyond", "us", Now + Window + Duration.FromMilliseconds(1)));
        var clock = new FakeTimeProvider(Now.ToDateTimeOffset());
        var window = new TriggerWindow(
            cancellationToken => SchedulerDatabase.OpenAsync(fixture.Database, clock, cancellationToken),
            clock,
            new PublishingOptions(new FileSink(fixture.SinkPath), new ServeNode("test-node"), TimeSpan.FromSeconds(1)),
            NullLogger<TriggerWindow>.Instance);
        var scheduler = await UnstartedSchedulerAsync();

        var first = await window.FillAsync(scheduler, force: false, "test");
        var afterFirst = await TriggeredAsync(scheduler);
        var repeated = await window.FillAsync(scheduler, force: false, "test");
        clock.Advance(TimeSpan.FromHours(1));
        var next = await window.FillAsync(scheduler, force: false, "test");
        var afterNext = await TriggeredAsync(scheduler);
        await scheduler.Shutdown();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterFirst, Is.EqualTo(new[] { "2027-03-01T11:55:00Z", "2027-03-01T13:00:00Z", "2027-03-03T12:00:00Z" }), "the drop still due, the next instant (two drops, one trigger) and the edge");
            Assert.That(first, Is.EqualTo(new PublicationWindow(first!.Stamp, Now + Window, Now, "test-node", 3, 4)));
            Assert.That(repeated, Is.Null, "a filling that would change nothing is not done");
            Assert.That(afterNext, Is.EqualTo(new[] { "2027-03-01T11:55:00Z", "2027-03-01T13:00:00Z", "2027-03-03T12:00:00.001Z", "2027-03-03T12:00:00Z" }), "an hour on, the drop beyond the edge is inside");
            Assert.That(next!.Through, Is.EqualTo(Now + Window + Duration.FromHours(1)));
        }
    }

    [Test]
    public void Validate_RefillNotShorterThanTheWindowAndOutOfRange_NamesEveryProblem()
    {
        var options = new TriggerWindowOptions { Window = TimeSpan.FromSeconds(5), RefillInterval = TimeSpan.FromDays(8) };

        Assert.That(options.Validate(), Is.EqualTo(new[]
        {
            "The window must be from 10 seconds to 31 days.",
            "The refill interval must be from 5 seconds to 7 days.",
            "The refill interval (8 days) must be shorter than the window (5 seconds): drops would enter the window after their instant.",
        }));
    }
}
