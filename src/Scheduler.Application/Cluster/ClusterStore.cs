using Quartz;
using Scheduler.Publishing.Hosting;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

/// <summary>
/// Quartz's clustered store in the PostgreSQL database the nodes share. Every node names the same
/// scheduler and its own instance: Quartz then fires each trigger on one node, and recovers the
/// jobs of a node whose check-ins stop. Quartz creates its tables beside Scheduler's on the first
/// start (safe when several nodes start at once).
/// </summary>
public static class ClusterStore
{
    /// <summary>The scheduler every node of a cluster shares (Quartz's <c>sched_name</c>).</summary>
    public const string ClusterName = "scheduler-serve";

    /// <summary>
    /// Uses the clustered store in <paramref name="database"/> under this instance id. <c>serve</c>
    /// nodes run it; <c>--on-cluster</c> callers only write jobs into it (a scheduler they never
    /// start takes no triggers and is not a node).
    /// </summary>
    public static void Use(IQuartzBuilder q, DatabaseTarget database, string instanceId, TimeSpan checkinInterval, TimeSpan checkinMisfireThreshold)
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
            store.ConfigureStore(s =>
            {
                s.TablePrefix = "qrtz_";
                PublishingStore.Retries(s);
            });
            store.ProvisionSchema();
        });
    }

    /// <summary>
    /// The scheduler of a process that only writes jobs into the cluster's store: never started, it
    /// takes no job and is no node. Disposing it shuts it down.
    /// </summary>
    public static StandaloneSchedulerFactory Writer(DatabaseTarget database, TimeProvider time, string instanceId)
        => QuartzSchedulerBuilder.Create(q =>
        {
            q.UseTimeProvider(time);
            Use(q, database, instanceId, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        }).Build();
}
