using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Scheduler.Publishing.Jobs;
using Scheduler.Publishing.Resilience;

namespace Scheduler.Publishing.Hosting;

/// <summary>
/// Publication's part of a serve host: the publisher, the window of triggers, the metrics, and the
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
        services.AddSingleton<TriggerWindow>();
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

    /// <summary>
    /// The filling of the trigger window in Quartz: its durable job, and the trigger that fires it
    /// every refill interval (once for the whole cluster). The first firing is one interval after
    /// the start, as each node fills the window when it starts.
    /// </summary>
    public static void AddJobs(IQuartzBuilder q, PublishingOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var interval = options.Triggers.RefillInterval;
        q.AddJob<FillTriggerWindowJob>(j => j.WithIdentity(FillTriggerWindowJob.Key).StoreDurably());
        q.AddTrigger(t => t
            .ForJob(FillTriggerWindowJob.Key)
            .WithIdentity("every-refill-interval", FillTriggerWindowJob.Group)
            .StartAt(time.GetUtcNow() + interval)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
    }
}
