using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Publishing.Jobs;
using Scheduler.Publishing.Sinks;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Publishing.Hosting;

/// <summary>
/// The long-running publisher: a Generic Host with Quartz (persistent store in its own SQLite
/// file, whichever database the plans are in), the plan watcher and the delivery loop. Time comes from the given <see cref="TimeProvider"/>.
/// </summary>
public static class PublishingHost
{
    /// <param name="options">Database, sink, polling and the nightly replan's schedule.</param>
    /// <param name="time">The clock of every job and of Quartz itself.</param>
    /// <param name="logging">Replaces the console logging (tests).</param>
    public static IHost Build(ServeOptions options, TimeProvider time, Action<ILoggingBuilder>? logging = null)
    {
        var builder = Host.CreateApplicationBuilder();
        AddPublishing(builder, options, time, logging);
        return builder.Build();
    }

    /// <summary>
    /// Adds publishing (Quartz, the plan watcher, the delivery loop, nightly replans) to a host
    /// being built, so that <c>serve --http</c> runs it in the same process as the HTTP interface.
    /// </summary>
    /// <param name="builder">The host being built (a plain host, or a web application's).</param>
    /// <param name="options">Database, sink, polling and the nightly replan's schedule.</param>
    /// <param name="time">The clock of every job and of Quartz itself.</param>
    /// <param name="logging">Replaces the console logging (tests).</param>
    public static void AddPublishing(IHostApplicationBuilder builder, ServeOptions options, TimeProvider time, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        SQLitePCL.Batteries_V2.Init();

        // Opening runs migrations, and creates the file on a first start. The host is built
        // synchronously (it is a builder), so this one open waits here.
        SchedulerDatabase.OpenAsync(options.Database, time).GetAwaiter().GetResult().Dispose();
        if (options.QuartzDatabasePath is { } quartzFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(quartzFile))!);
        }

        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
                o.UseUtcTimestamp = true;
            });
            builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        }
        else
        {
            logging(builder.Logging);
        }

        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton(options.Sink);
        services.AddSingleton(options.Node);
        services.AddSingleton<Func<CancellationToken, Task<SchedulerDatabase>>>(cancellationToken => SchedulerDatabase.OpenAsync(options.Database, time, cancellationToken));
        services.AddMetrics();
        services.AddSingleton<SchedulerMetrics>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<Publisher>();
        services.AddSingleton<TriggerSynchronizer>();
        services.AddSingleton(new ReleasePlanner(time));
        services.AddSingleton<ReplanService>();
        services.AddSingleton<Solving.RunSolver>();
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            if (options.ReplanCron is { } cron)
            {
                q.AddJob<NightlyReplanJob>(j => j.WithIdentity(NightlyReplanJob.Key).StoreDurably());
                q.AddTrigger(t => t
                    .ForJob(NightlyReplanJob.Key)
                    .WithIdentity("nightly-replan", "replan")
                    .WithCronSchedule(cron, c => c.InTimeZone(options.ReplanZone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            }

            if (options.QuartzDatabasePath is { } quartzFile)
            {
                q.UsePersistentStore(store =>
                {
                    store.UseSqlite($"Data Source={quartzFile}");
                    store.UseSystemTextJsonSerializer();
                    store.ProvisionSchema();
                });
            }
            else
            {
                ClusterOnPostgres(q, options);
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<PlanWatcher>();
        services.AddHostedService(p => p.GetRequiredService<PlanWatcher>());
        services.AddSingleton<DeliveryService>();
        services.AddHostedService(p => p.GetRequiredService<DeliveryService>());

        // Registered after Quartz's service, so stopped before it: solves are handed back while Quartz can still take their triggers.
        services.AddSingleton<SolveHandBack>();
        services.AddHostedService(p => p.GetRequiredService<SolveHandBack>());
        if (options.IsClustered)
        {
            services.AddHostedService<SolveQueueSweep>();
        }
    }

    // Every node names the same scheduler and its own instance: Quartz then fires each trigger on
    // one node, and recovers the jobs of a node whose check-ins stop. Quartz creates its tables
    // beside Scheduler's on the first start (safe when several nodes start at once).
    private static void ClusterOnPostgres(IQuartzBuilder q, ServeOptions options)
    {
        UseClusterStore(q, options.Database, options.Node.Name, options.CheckinInterval, options.CheckinMisfireThreshold);

        // Solve jobs take a node's cores for minutes: each node runs as many as it has slots, and
        // leaves the rest to the others (none at all with 0 slots); publishing keeps threads of its own beside them.
        q.UseExecutionLimits(limits => limits.ForGroup(SolveRunJob.Group, Math.Max(0, options.SolveSlots)));
        q.UseDefaultThreadPool(Math.Max(1, options.SolveSlots) + 8);
    }

    /// <summary>
    /// Quartz's clustered store in the PostgreSQL database <paramref name="database"/>, under this
    /// instance id. <c>serve</c> nodes run it; <c>--on-cluster</c> callers only write jobs into it
    /// (a scheduler they never start takes no triggers and is not a node).
    /// </summary>
    public static void UseClusterStore(IQuartzBuilder q, DatabaseTarget database, string instanceId, TimeSpan checkinInterval, TimeSpan checkinMisfireThreshold)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(database);
        q.ConfigureScheduler(s =>
        {
            s.InstanceName = ClusterName;
            s.InstanceId = instanceId;

            // How soon a node notices triggers that another node wrote.
            s.IdleWaitTime = TimeSpan.FromSeconds(1);
        });
        q.UsePersistentStore(store =>
        {
            store.UsePostgres(database.PostgresConnectionString("scheduler-serve"));
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                c.CheckinInterval = checkinInterval;
                c.CheckinMisfireThreshold = checkinMisfireThreshold;
            });
            store.ConfigureStore(s => s.TablePrefix = "qrtz_");
            store.ProvisionSchema();
        });
    }

    /// <summary>The scheduler every node of a cluster shares (Quartz's <c>sched_name</c>).</summary>
    public const string ClusterName = "scheduler-serve";
}
