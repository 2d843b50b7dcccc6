using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Storage;

namespace Scheduler.Publishing.Resilience;

/// <summary>
/// Keeps Quartz's own reports of a passing database fault out of the log: its job store, cluster
/// manager and misfire handler each write a warning or an error with a stack trace on every try,
/// several a second during an outage. They are told to the <see cref="DatabaseOutage"/> instead,
/// which logs the outage once as it begins and once as it ends. Every other line passes unchanged.
/// </summary>
public sealed class OutageLogFilter : ILoggerProvider, ISupportExternalScope
{
    private readonly ILoggerProvider _inner;
    private readonly Func<DatabaseOutage> _outage;

    private OutageLogFilter(ILoggerProvider inner, Func<DatabaseOutage> outage)
    {
        _inner = inner;
        _outage = outage;
    }

    /// <summary>Puts the filter in front of every logger provider registered so far in <paramref name="services"/>.</summary>
    public static void Wrap(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService)
            {
                continue;
            }

            // The outage is found when first needed: it logs through the very providers wrapped here.
            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(provider => new OutageLogFilter(Inner(descriptor, provider), provider.GetRequiredService<DatabaseOutage>));
        }
    }

    public ILogger CreateLogger(string categoryName)
    {
        var logger = _inner.CreateLogger(categoryName);
        return categoryName.StartsWith("Quartz.", StringComparison.Ordinal) ? new QuartzLogger(logger, _outage) : logger;
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (_inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => _inner.Dispose();

    private static ILoggerProvider Inner(ServiceDescriptor descriptor, IServiceProvider provider)
        => (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    private sealed class QuartzLogger(ILogger inner, Func<DatabaseOutage> outage) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && DatabaseFaults.IsTransient(exception))
            {
                outage().Failed(exception);
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
