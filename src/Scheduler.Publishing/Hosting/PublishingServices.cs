using Microsoft.Extensions.DependencyInjection;
using Scheduler.Publishing.Resilience;

namespace Scheduler.Publishing.Hosting;

/// <summary>
/// Publication's part of a serve host: the publisher, the trigger synchronizer, the metrics, and the
/// two loops (the plan watcher and the delivery of notifications). The host supplies the clock, the
/// database (a <c>Func&lt;CancellationToken, Task&lt;SchedulerDatabase&gt;&gt;</c>) and Quartz, whose
/// store it chooses.
/// </summary>
public static class PublishingServices
{
    /// <summary>Everything but the loops.</summary>
    public static void Add(IServiceCollection services, PublishingOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(options.Sink);
        services.AddSingleton(options.Node);
        services.AddMetrics();
        services.AddSingleton<PublicationMetrics>();
        services.AddSingleton<DatabaseOutage>();
        services.AddSingleton<DatabaseRetries>();
        services.AddSingleton<ServeFaults>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<Publisher>();
        services.AddSingleton<TriggerSynchronizer>();
        services.AddSingleton<PlanWatcher>();
        services.AddSingleton<DeliveryService>();
    }

    /// <summary>
    /// The plan watcher and the delivery loop, as hosted services. Registered after Quartz's own
    /// service, so that they stop before it.
    /// </summary>
    public static void AddLoops(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService(p => p.GetRequiredService<PlanWatcher>());
        services.AddHostedService(p => p.GetRequiredService<DeliveryService>());
    }
}
