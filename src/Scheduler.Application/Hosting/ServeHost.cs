using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Scheduler.Application.Cluster;
using Scheduler.Application.Planning;
using Scheduler.Application.Replanning;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Resilience;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Hosting;

/// <summary>
/// <c>scheduler serve</c> composed: a Generic Host with Quartz (its own SQLite file beside an SQLite
/// database, or the clustered store in a PostgreSQL one), publication (the plan watcher, the
/// delivery loop), nightly replans, and the solving of queued runs, here or on the cluster. Time
/// comes from the given <see cref="TimeProvider"/>.
/// </summary>
public static class ServeHost
{
    /// <param name="options">Database, sink, polling, solving and the nightly replan's schedule.</param>
    /// <param name="time">The clock of every job and of Quartz itself.</param>
    /// <param name="logging">Replaces the console logging (tests).</param>
    public static IHost Build(ServeOptions options, TimeProvider time, Action<ILoggingBuilder>? logging = null)
    {
        var builder = Host.CreateApplicationBuilder();
        Add(builder, options, time, logging);
        return builder.Build();
    }

    /// <summary>
    /// Adds serving to a host being built, so that <c>serve --http</c> runs it in the same process
    /// as the HTTP interface.
    /// </summary>
    /// <param name="builder">The host being built (a plain host, or a web application's).</param>
    /// <param name="options">Database, sink, polling, solving and the nightly replan's schedule.</param>
    /// <param name="time">The clock of every job and of Quartz itself.</param>
    /// <param name="logging">Replaces the console logging (tests).</param>
    /// <param name="answersHttp">True for <c>serve --http</c>: runs asked for over HTTP are solved in the background.</param>
    public static void Add(IHostApplicationBuilder builder, ServeOptions options, TimeProvider time, Action<ILoggingBuilder>? logging = null, bool answersHttp = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        SQLitePCL.Batteries_V2.Init();
        if (options.QuartzDatabasePath is { } quartzFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(quartzFile))!);
        }

        UseLogging(builder.Logging, logging);
        OutageLogFilter.Wrap(builder.Services);
        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton(options.Solving);
        services.AddSingleton<Func<CancellationToken, Task<SchedulerDatabase>>>(cancellationToken => SchedulerDatabase.OpenAsync(options.Database, time, cancellationToken));
        PublishingServices.Add(services, options.Publishing);

        // Started first: nothing else of the node runs until the database answers.
        services.AddHostedService<DatabaseWait>();
        services.AddHostedService<IdleMemoryTrim>();
        services.AddSingleton<SolveMetrics>();
        services.AddSingleton(new ReleasePlanner(time));
        services.AddSingleton(ReplanServiceOf);
        services.AddSingleton<RunSolver>();
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(time);
            if (options.ReplanCron is { } cron)
            {
                q.AddJob<NightlyReplanJob>(j => j.WithIdentity(NightlyReplanJob.Key).StoreDurably());
                q.AddTrigger(t => t
                    .ForJob(NightlyReplanJob.Key)
                    .WithIdentity("nightly-replan", "replan")
                    .WithCronSchedule(cron, c => c.InTimeZone(options.ReplanZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }

            PublishingServices.AddJobs(q, options.Publishing, time);
            if (options.QuartzDatabasePath is { } quartzFile)
            {
                PublishingStore.UseFile(q, quartzFile);
            }
            else
            {
                ClusterStore.Use(q, options.Database, options.Node.Name, options.CheckinInterval, options.CheckinMisfireThreshold);

                // Solve jobs take a node's cores for minutes: each node runs as many as it has slots, and
                // leaves the rest to the others (none at all with 0 slots); publishing keeps threads of its own beside them.
                q.UseExecutionLimits(limits => limits.ForGroup(SolveRunJob.Group, Math.Max(0, options.SolveSlots)));
                q.UseDefaultThreadPool(Math.Max(1, options.SolveSlots) + 8);
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        PublishingServices.AddLoops(services);
        SolveExecutors.AddTo(services, options.IsClustered, answersHttp, time);
    }

    private static ReplanService ReplanServiceOf(IServiceProvider services)
    {
        var options = services.GetRequiredService<ServeOptions>();
        var openDatabase = services.GetRequiredService<Func<CancellationToken, Task<SchedulerDatabase>>>();
        var time = services.GetRequiredService<TimeProvider>();
        return new ReplanService(openDatabase, services.GetRequiredService<ReleasePlanner>(), time, services.GetRequiredService<ILogger<ReplanService>>())
        {
            MemoryLimit = options.MemoryLimit,
        };
    }

    private static void UseLogging(ILoggingBuilder logging, Action<ILoggingBuilder>? replacement)
    {
        logging.ClearProviders();
        if (replacement is not null)
        {
            replacement(logging);
            return;
        }

        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            o.UseUtcTimestamp = true;
        });
        logging.AddFilter("Quartz", LogLevel.Warning);
    }
}
