using System.Diagnostics.Metrics;
using Scheduler.Publishing;
using Scheduler.Storage;

namespace Scheduler.Application.Planning;

/// <summary>What solving measures, on <c>serve</c>'s meter (<see cref="PublicationMetrics.MeterName"/>): how long solves take.</summary>
public sealed class SolveMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Histogram<double> _solveSeconds;

    public SolveMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(PublicationMetrics.MeterName);
        _solveSeconds = _meter.CreateHistogram<double>("scheduler.solve.duration", "s", "Wall-clock seconds of each solve (API runs and replans).");
    }

    /// <param name="elapsed">How long the solve took, from request to stored run.</param>
    /// <param name="trigger">What asked for the solve.</param>
    public void Solved(TimeSpan elapsed, RunTrigger trigger)
        => _solveSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("trigger", trigger.ToString().ToLowerInvariant()));

    public void Dispose() => _meter.Dispose();
}
