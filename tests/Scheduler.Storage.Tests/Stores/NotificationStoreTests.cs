using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class NotificationStoreTests(DatabaseKind kind)
{
    private TestDatabase _database = null!;

    [SetUp]
    public void CreateDatabase() => _database = new TestDatabase(kind);

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task RecordDeliveryAsync_RetryThenDeliveredAndFailed_KeepsOnlyTheRetryPendingWithItsError()
    {
        await using var database = await _database.OpenAsync();
        await DemoRuns.AdoptAsync(database);
        foreach (var drop in await database.Publications.PlanOfRecordDropsAsync())
        {
            await database.Publications.TryPublishAsync(drop, drop.PublishAt, "{}", $"{drop.Title}:{drop.Region}");
        }

        var queued = await database.Notifications.PendingAsync(3);
        await database.Notifications.RecordDeliveryAsync(queued[0].Id, "pending", "503 Service Unavailable");
        await database.Notifications.RecordDeliveryAsync(queued[1].Id, "delivered", null);
        await database.Notifications.RecordDeliveryAsync(queued[2].Id, "failed", "400 Bad Request");

        var pending = await database.Notifications.PendingAsync(10);
        var all = await database.Notifications.AllAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(queued.Select(n => n.IdempotencyKey), Is.EqualTo(new[] { "b:us", "a:uk", "a:us" }));
            Assert.That(pending.Select(n => (n.IdempotencyKey, n.Attempts, n.LastError)), Is.EqualTo(new[] { ("b:us", 1, (string?)"503 Service Unavailable"), ("b:uk", 0, null) }));
            Assert.That(all.Select(n => $"{n.IdempotencyKey} {n.Status}"), Is.EqualTo(new[] { "b:us pending", "a:uk delivered", "a:us failed", "b:uk pending" }));
            Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE delivered_at IS NOT NULL"), Is.EqualTo(1));
        }
    }
}
