using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Scheduler.Application.Cluster;
using Scheduler.Application.Execution;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Hosting;

/// <summary>
/// The one place that chooses where solves run: in this process, or on the cluster of serve nodes
/// sharing a PostgreSQL database. A command chooses for itself (<see cref="ForCommand"/>); the serve
/// host chooses once for all its requests (<see cref="AddTo"/>).
/// </summary>
public static class SolveExecutors
{
    // A command interrupted with Ctrl-C exits within a second; its solver is given this long to stop.
    private static readonly TimeSpan CommandSettleTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The executor of one command: this process, or with <paramref name="onCluster"/> the cluster
    /// of <paramref name="database"/>, which must then be PostgreSQL (the caller says so otherwise).
    /// </summary>
    public static ISolveExecutor ForCommand(bool onCluster, DatabaseTarget? database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!onCluster)
        {
            return new LocalSolves(new ReleasePlanner(time), time) { SettleTime = CommandSettleTime };
        }

        if (database is not { Kind: DatabaseKind.Postgres })
        {
            throw new ArgumentException("Solving on the cluster needs the cluster's PostgreSQL database.", nameof(database));
        }

        return new ClusterSolves(ClusterStore.Writer(database, time, $"cli-{Environment.MachineName}-{Environment.ProcessId}"), time, ownsSchedulers: true);
    }

    /// <summary>
    /// The serve host's executor and, with <paramref name="answersHttp"/>, its background solves of
    /// runs asked for over HTTP: on a cluster, solve jobs any node may take (every node takes them,
    /// HTTP or not), handed back by a node that stops and swept for when lost; on a single server,
    /// a queue in this process.
    /// </summary>
    public static void AddTo(IServiceCollection services, bool clustered, bool answersHttp, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (clustered)
        {
            services.AddSingleton<ISolveExecutor>(p => new ClusterSolves(p.GetRequiredService<ISchedulerFactory>(), time));
            services.AddSingleton<IBackgroundSolves, ClusterBackgroundSolves>();

            // Registered after Quartz's service, so stopped before it: solves are handed back while Quartz can still take their triggers.
            services.AddSingleton<SolveHandBack>();
            services.AddHostedService(p => p.GetRequiredService<SolveHandBack>());
            services.AddHostedService<SolveQueueSweep>();
        }
        else
        {
            services.AddSingleton<ISolveExecutor>(p => new LocalSolves(p.GetRequiredService<ReleasePlanner>(), time));
            if (!answersHttp)
            {
                return;
            }

            services.AddSingleton<BackgroundSolves>();
            services.AddSingleton<IBackgroundSolves>(p => p.GetRequiredService<BackgroundSolves>());
            services.AddHostedService(p => p.GetRequiredService<BackgroundSolves>());
        }
    }
}
