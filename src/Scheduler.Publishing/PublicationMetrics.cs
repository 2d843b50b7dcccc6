using System.Diagnostics.Metrics;
using Scheduler.Storage;

namespace Scheduler.Publishing;

/// <summary>
/// What publishing measures, on the meter named <see cref="MeterName"/>: publications (published,
/// late, failed), their lateness, and the gap of the plan of record. Any exporter may listen;
/// <c>serve --http</c> offers them at <c>/metrics</c>.
/// </summary>
public sealed class PublicationMetrics : IDisposable
{
    /// <summary>The meter of every measurement of <c>serve</c>, publishing's and solving's.</summary>
    public const string MeterName = "Scheduler";

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _late;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _lateness;

    // NaN while there is no plan of record (or it has no bound): a double, so that reads and writes are atomic.
    private double _planOfRecordGap = double.NaN;

    public PublicationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _published = _meter.CreateCounter<long>("scheduler.publications.published", "{publication}", "Drops published.");
        _late = _meter.CreateCounter<long>("scheduler.publications.late", "{publication}", "Drops published more than a minute after their instant.");
        _failed = _meter.CreateCounter<long>("scheduler.publications.failed", "{notification}", "Notifications the sink refused for good.");
        _lateness = _meter.CreateHistogram<double>("scheduler.publication.lateness", "s", "Seconds between a drop's instant and its publication.");
        _meter.CreateObservableGauge("scheduler.plan_of_record.gap", ObserveGap, "1", "Relative gap between the plan of record's objective and its proven bound.");
    }

    public void Published(double latenessSeconds)
    {
        _published.Add(1);
        _lateness.Record(Math.Max(0, latenessSeconds));
        if (PublicationStates.IsLate(latenessSeconds))
        {
            _late.Add(1);
        }
    }

    public void DeliveryFailed() => _failed.Add(1);

    /// <summary>The plan of record's gap as last seen (null: no plan of record, or no bound).</summary>
    public void PlanOfRecord(double? gap) => Volatile.Write(ref _planOfRecordGap, gap ?? double.NaN);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> ObserveGap()
    {
        var gap = Volatile.Read(ref _planOfRecordGap);
        return double.IsNaN(gap) ? [] : [new Measurement<double>(gap)];
    }
}
