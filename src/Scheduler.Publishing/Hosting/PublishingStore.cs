using Quartz;

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
            store.ProvisionSchema();
        });
    }
}
