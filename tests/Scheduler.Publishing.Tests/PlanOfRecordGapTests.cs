using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NodaTime;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Tests.Support;

namespace Scheduler.Publishing.Tests;

/// <summary>The plan of record's gap as a gauge: read from the run's row, not from its plan.</summary>
public class PlanOfRecordGapTests
{
    [Test]
    public async Task Gauge_BeforeAndAfterAnAdoption_HasNoValueThenTheRunsGap()
    {
        using var fixture = new PublishingFixture();
        using var host = fixture.Host();
        using var gap = new MetricCollector<double>(host.Services.GetRequiredService<IMeterFactory>(), PublicationMetrics.MeterName, "scheduler.plan_of_record.gap");
        var watcher = host.Services.GetRequiredService<PlanWatcher>();

        await watcher.CheckAsync();
        gap.RecordObservableInstruments();
        var before = gap.LastMeasurement;
        var run = await fixture.AdoptPlanAsync(("a", "us", SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(3)));
        await using (var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE runs SET gap = 0.0125 WHERE id = {run}";
            await update.ExecuteNonQueryAsync();
        }

        await watcher.CheckAsync();
        gap.RecordObservableInstruments();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.Null);
            Assert.That(gap.LastMeasurement?.Value, Is.EqualTo(0.0125));
        }
    }
}
