using Microsoft.Extensions.Time.Testing;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class NotificationStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task RecordDeliveryAsync_RetryThenDeliveredAndFailed_KeepsOnlyTheRetryPendingWithItsError()
    {
        await using var database = await Database.OpenAsync();
        await DemoRuns.AdoptAsync(database);
        foreach (var drop in await database.Publications.PlanOfRecordDropsAsync())
        {
            await database.Publications.TryPublishAsync(drop, drop.PublishAt, "{}", $"{drop.Title}:{drop.Region}", "test-node");
        }

        var queued = await database.Notifications.ClaimPendingAsync("test-node", 3, TimeSpan.FromMinutes(1));
        await database.Notifications.RecordDeliveryAsync(queued[0].Id, NotificationStatus.Pending, "503 Service Unavailable");
        await database.Notifications.RecordDeliveryAsync(queued[1].Id, NotificationStatus.Delivered, null);
        await database.Notifications.RecordDeliveryAsync(queued[2].Id, NotificationStatus.Failed, "400 Bad Request");

        var pending = await database.Notifications.ClaimPendingAsync("test-node", 10, TimeSpan.FromMinutes(1));
        var all = await database.Notifications.AllAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(queued.Select(n => n.IdempotencyKey), Is.EqualTo(new[] { "b:us", "a:uk", "a:us" }));
            Assert.That(pending.Select(n => (n.IdempotencyKey, n.Attempts, n.LastError)), Is.EqualTo(new[] { ("b:us", 1, (string?)"503 Service Unavailable"), ("b:uk", 0, null) }));
            Assert.That(all.Select(n => $"{n.IdempotencyKey} {n.Status.ToString().ToLowerInvariant()}"), Is.EqualTo(new[] { "b:us pending", "a:uk delivered", "a:us failed", "b:uk pending" }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE delivered_at IS NOT NULL"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ClaimPendingAsync_SeveralNodes_ClaimDisjointNotificationsAndTakeOnlyReleasedOrExpiredClaims()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2027-03-12T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var database = await SchedulerDatabase.OpenAsync(Database.Target, clock);
        await DemoRuns.AdoptAsync(database);
        foreach (var drop in await database.Publications.PlanOfRecordDropsAsync())
        {
            await database.Publications.TryPublishAsync(drop, drop.PublishAt, "{}", $"{drop.Title}:{drop.Region}", "node-a");
        }

        var lease = TimeSpan.FromSeconds(60);
        var first = Keys(await database.Notifications.ClaimPendingAsync("node-a", 2, lease));
        var second = Keys(await database.Notifications.ClaimPendingAsync("node-b", 10, lease));
        await database.Notifications.ReleaseClaimsAsync("node-b");
        clock.Advance(TimeSpan.FromSeconds(30));
        var afterRelease = Keys(await database.Notifications.ClaimPendingAsync("node-c", 10, lease));
        clock.Advance(TimeSpan.FromSeconds(31));
        var afterExpiry = Keys(await database.Notifications.ClaimPendingAsync("node-c", 10, lease));
        var publishedBy = (await database.Publications.PlanOfRecordDropsAsync()).Select(d => d.PublishedBy).Distinct();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(new[] { "b:us", "a:uk" }));
            Assert.That(second, Is.EqualTo(new[] { "a:us", "b:uk" }));
            Assert.That(afterRelease, Is.EqualTo(new[] { "a:us", "b:uk" }), "node-a's claims still hold");
            Assert.That(afterExpiry, Is.EqualTo(new[] { "b:us", "a:uk", "a:us", "b:uk" }), "node-a's claims ran out");
            Assert.That(publishedBy, Is.EqualTo(new[] { "node-a" }));
        }
    }

    private static string[] Keys(IReadOnlyList<Notification> notifications) => [.. notifications.Select(n => n.IdempotencyKey)];
}
