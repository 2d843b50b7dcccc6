using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Scheduler.Publishing.Resilience;
using Scheduler.Publishing.Tests.Support;

namespace Scheduler.Publishing.Tests.Resilience;

public class DatabaseOutageTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 14, 3, 7, TimeSpan.Zero);

    [Test]
    public void FailedThenAnswered_ManyTimesInOneOutage_LogsTwoLinesAndCountsOneOutageWithItsLength()
    {
        var time = new FakeTimeProvider(Start);
        var logger = new FakeLogger<DatabaseOutage>();
        var meters = new TestMeters();
        using var outages = new MetricCollector<long>(meters, PublicationMetrics.MeterName, "scheduler.database.outages");
        using var seconds = new MetricCollector<double>(meters, PublicationMetrics.MeterName, "scheduler.database.outage.duration");
        using var outage = new DatabaseOutage(time, meters, logger);

        outage.Failed(new SocketException((int)SocketError.ConnectionRefused));
        var since = outage.Since;
        time.Advance(TimeSpan.FromSeconds(20));
        outage.Failed(new TimeoutException("The operation has timed out."));
        time.Advance(TimeSpan.FromSeconds(22));
        outage.Answered();
        outage.Answered();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(since, Is.EqualTo(Instant.FromDateTimeOffset(Start)));
            Assert.That(outage.Since, Is.Null);
            Assert.That(outage.Recoveries, Is.EqualTo(1));
            Assert.That(logger.Collector.GetSnapshot().Select(r => (r.Level, r.Message)), Is.EqualTo(new[]
            {
                (LogLevel.Warning, "The database stopped answering (Connection refused); work is retried until it answers again"),
                (LogLevel.Information, "The database answers again, after 42.0 s; what fell due meanwhile is caught up"),
            }));
            Assert.That(outages.GetMeasurementSnapshot().Select(m => m.Value), Is.EqualTo(new[] { 1L }));
            Assert.That(seconds.GetMeasurementSnapshot().Select(m => m.Value), Is.EqualTo(new[] { 42.0 }));
        }
    }

    [Test]
    public void Answered_WithoutAnOutage_LogsNothing()
    {
        var logger = new FakeLogger<DatabaseOutage>();
        using var outage = new DatabaseOutage(new FakeTimeProvider(Start), new TestMeters(), logger);

        outage.Answered();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(logger.Collector.Count, Is.Zero);
            Assert.That(outage.Recoveries, Is.Zero);
            Assert.That(outage.Since, Is.Null);
        }
    }

    [Test]
    public void Failed_AWrappedFault_NamesTheOuterAndTheInnermostMessage()
    {
        var logger = new FakeLogger<DatabaseOutage>();
        using var outage = new DatabaseOutage(new FakeTimeProvider(Start), new TestMeters(), logger);

        outage.Failed(new InvalidOperationException("Cannot connect to 'postgres://scheduler@db:5432/plans'.", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.That(logger.LatestRecord.Message, Is.EqualTo(
            "The database stopped answering (Cannot connect to 'postgres://scheduler@db:5432/plans'. Connection refused); work is retried until it answers again"));
    }
}
