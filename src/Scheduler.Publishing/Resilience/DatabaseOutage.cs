using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Storage;

namespace Scheduler.Publishing.Resilience;

/// <summary>
/// This node's view of the database: answering, or unreachable since a moment. Every piece of work
/// that meets a passing fault says so here, and every one that gets an answer says that; an outage
/// is logged twice (one warning as it begins, one line with its length as it ends), counted, and
/// shown by <c>/healthz</c>. Work that must follow an outage (the catch-up of what fell due) watches
/// <see cref="Recoveries"/>.
/// </summary>
public sealed class DatabaseOutage : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ILogger<DatabaseOutage> _logger;
    private readonly Meter _meter;
    private readonly Counter<long> _outages;
    private readonly Histogram<double> _seconds;
    private long _began;
    private Instant? _since;
    private long _recoveries;

    public DatabaseOutage(TimeProvider time, IMeterFactory meters, ILogger<DatabaseOutage> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _meter = meters.Create(PublicationMetrics.MeterName);
        _outages = _meter.CreateCounter<long>("scheduler.database.outages", "{outage}", "Times the database stopped answering this node.");
        _seconds = _meter.CreateHistogram<double>("scheduler.database.outage.duration", "s", "How long each outage lasted, from the first failure to the first answer.");
        _meter.CreateObservableGauge("scheduler.database.up", () => Since is null ? 1 : 0, "1", "1 while the database answers this node, 0 during an outage.");
    }

    /// <summary>When the current outage began; null while the database answers.</summary>
    public Instant? Since
    {
        get
        {
            lock (_lock)
            {
                return _since;
            }
        }
    }

    /// <summary>How many outages have ended: a piece of work that saw an earlier count has an outage to catch up on.</summary>
    public long Recoveries => Interlocked.Read(ref _recoveries);

    /// <summary>A piece of work met a passing fault: the first one begins an outage, the others are counted in it.</summary>
    public void Failed(Exception fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock)
        {
            if (_since is not null)
            {
                return;
            }

            _since = Instant.FromDateTimeOffset(_time.GetUtcNow());
            _began = _time.GetTimestamp();
        }

        DatabaseFaults.ForgetPooledConnections();
        _outages.Add(1);
        _logger.OutageBegan(Reason(fault));
    }

    /// <summary>A piece of work got an answer: an outage under way ends.</summary>
    public void Answered()
    {
        TimeSpan length;
        lock (_lock)
        {
            if (_since is null)
            {
                return;
            }

            _since = null;
            length = _time.GetElapsedTime(_began);
        }

        // Connections opened before the database came back are broken: none is handed out again.
        DatabaseFaults.ForgetPooledConnections();
        Interlocked.Increment(ref _recoveries);
        _seconds.Record(length.TotalSeconds);
        _logger.OutageEnded(length.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();

    // The innermost message says what happened ("Connection refused"); no stack trace for a fault that passes.
    private static string Reason(Exception fault)
    {
        var inner = fault;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == fault ? fault.Message : $"{fault.Message} {inner.Message}";
    }
}
