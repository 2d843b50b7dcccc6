using System.Diagnostics.Metrics;

namespace Scheduler.Publishing.Tests.Support;

/// <summary>Meters for a publisher built by hand, outside a host: nobody listens, and each test gets its own.</summary>
internal sealed class TestMeters : IMeterFactory
{
    public Meter Create(MeterOptions options) => new(options);

    public void Dispose()
    {
    }

    public static PublicationMetrics Metrics() => new(new TestMeters());
}
