using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Sinks;
using Scheduler.Publishing.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Publishing.Tests.Hosting;

/// <summary>A sink that refuses for a while is said once as it begins and once as it ends; each retry only at debug level.</summary>
public class DeliveryLogTests
{
    [Test]
    public async Task DeliverPending_SinkRefusesThreeTimesThenTakesThem_SaysBeginningAndEndOnce()
    {
        using var fixture = new PublishingFixture();
        var now = Instant.FromUtc(2027, 3, 1, 12, 0);
        await fixture.AdoptPlanAsync(("a", "us", now - Duration.FromHours(2)), ("b", "us", now - Duration.FromHours(1)));
        var clock = new FakeTimeProvider(now.ToDateTimeOffset());
        using (var publisher = new Publisher(fixture.OpenAsync, clock, new DeliverySignal(), new ServeNode("test-node"), TestMeters.Metrics(), NullLogger<Publisher>.Instance))
        {
            Assert.That(await publisher.CatchUpAsync(), Is.EqualTo(2));
        }

        var sink = new RefusingSink(refusals: 3);
        using var host = fixture.Host(sink, clock);
        var logger = new FakeLogger<DeliveryService>();
        var delivery = ActivatorUtilities.CreateInstance<DeliveryService>(host.Services, logger, (INotificationSink)sink, (TimeProvider)clock);

        for (var pass = 0; pass < 4; pass++)
        {
            await delivery.DeliverPendingAsync();
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        await using var database = await fixture.OpenAsync();
        var lines = logger.Collector.GetSnapshot();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await database.Notifications.AllAsync()).Select(n => n.Status), Is.EqualTo(new[] { NotificationStatus.Delivered, NotificationStatus.Delivered }));
            Assert.That(
                lines.Where(l => l.Level > LogLevel.Debug).Select(l => (l.Id.Id, l.Message)),
                Is.EqualTo(new[]
                {
                    (1030, "The sink stopped taking notifications (503 Service Unavailable); each is retried with backoff until it takes them again"),
                    (1032, "The sink takes notifications again, after 30.0 s"),
                }));
            Assert.That(lines.Where(l => l.Level == LogLevel.Debug).Select(l => l.Id.Id), Is.EqualTo(new[] { 1031, 1031, 1031 }));
        }
    }

    /// <summary>Refuses the first deliveries with a passing failure, then takes every one.</summary>
    private sealed class RefusingSink(int refusals) : INotificationSink
    {
        private int _refusals = refusals;

        public Task<DeliveryResult> DeliverAsync(Notification notification, CancellationToken cancellationToken = default)
            => Task.FromResult(Interlocked.Decrement(ref _refusals) >= 0
                ? new DeliveryResult(DeliveryOutcome.Retry, "503 Service Unavailable")
                : new DeliveryResult(DeliveryOutcome.Delivered));
    }
}
