using Quartz;
using Scheduler.Storage;

namespace Scheduler.Publishing.Hosting;

/// <summary>Quartz's store on a single server: an SQLite file of its own, beside the plans' database, so that triggers survive a restart.</summary>
public static class PublishingStore
{
    public static void UseFile(IQuartzBuilder q, string quartzFile)
    {
        ArgumentNullException.ThrowIfNull(q);
        q.UsePersistentStore(store =>
        {
            store.UseSqlite($"Data Source={quartzFile}");
            store.UseSystemTextJsonSerializer();
            store.ConfigureStore(Retries);
            store.ProvisionSchema();
        });
    }

    /// <summary>
    /// Quartz's own handling of a database that fails its job store, matched to the node's retries
    /// (<see cref="Resilience.RetryConstants"/>): the same longest wait between attempts, the misfires
    /// of an outage fired soon after it, a failure that passes asked of <see cref="DatabaseFaults"/>,
    /// and a fire that failed during one never counted against its trigger.
    /// </summary>
    public static void Retries(AdoJobStoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.DbRetryInterval = Resilience.RetryConstants.LongestDelay;
        store.MisfireHandlerFrequency = Resilience.RetryConstants.LongestDelay;
        store.IsTransient = DatabaseFaults.IsTransient;
        store.MaxConsecutiveFireFailures = 0;
    }
}
