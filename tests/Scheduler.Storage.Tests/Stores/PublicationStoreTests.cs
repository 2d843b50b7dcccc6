using NodaTime;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class PublicationStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task PlanOfRecordDropsAsync_TitleWithThreeWeeklyDrops_ListsEveryDropAtItsOwnInstantInPublicationOrder()
    {
        await using var database = await Database.OpenAsync();
        await DemoRuns.AdoptAsync(database, aDrops: 3);

        var drops = (await database.Publications.PlanOfRecordDropsAsync())
            .Select(r => $"{r.PublishAt} {r.Title} {r.Region} drop {r.Drop} of {r.DropCount} on {r.Date:uuuu-MM-dd} ({r.Mode})");

        // Global a goes live at midnight in Los Angeles: 08:00Z before the US clocks change on 03-14, 07:00Z after.
        Assert.That(drops, Is.EqualTo(new[]
        {
            "2027-03-12T05:00:00Z b us drop 0 of 1 on 2027-03-12 (staggered)",
            "2027-03-12T08:00:00Z a uk drop 0 of 3 on 2027-03-12 (global)",
            "2027-03-12T08:00:00Z a us drop 0 of 3 on 2027-03-12 (global)",
            "2027-03-19T00:00:00Z b uk drop 0 of 1 on 2027-03-19 (staggered)",
            "2027-03-19T07:00:00Z a uk drop 1 of 3 on 2027-03-19 (global)",
            "2027-03-19T07:00:00Z a us drop 1 of 3 on 2027-03-19 (global)",
            "2027-03-26T07:00:00Z a uk drop 2 of 3 on 2027-03-26 (global)",
            "2027-03-26T07:00:00Z a us drop 2 of 3 on 2027-03-26 (global)",
        }));
    }

    [Test]
    public async Task PlanOfRecordDropsAsync_BeforeAnyAdoption_IsEmpty()
    {
        await using var database = await Database.OpenAsync();
        var (plan, json) = DemoRuns.Plan();
        await database.Runs.StoreAsync(DemoRuns.Run(plan, json));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await database.Publications.PlanOfRecordDropsAsync(), Is.Empty);
            Assert.That(await database.Publications.DropAsync("a", "us", 0), Is.Null);
        }
    }

    [Test]
    public async Task TryPublishAsync_TwoDropsOfOneRelease_PublishesEachOnceWithItsOwnNotification()
    {
        await using var database = await Database.OpenAsync();
        await DemoRuns.AdoptAsync(database, aDrops: 3);
        var aInUs = (await database.Publications.PlanOfRecordDropsAsync()).Where(r => r.Title == "a" && r.Region == "us").ToList();

        var published = new[]
        {
            await database.Publications.TryPublishAsync(aInUs[0], DemoRuns.Start, "{}", "1:a:us:drop-0", "test-node"),
            await database.Publications.TryPublishAsync(aInUs[1], DemoRuns.Start, "{}", "1:a:us:drop-1", "test-node"),
            await database.Publications.TryPublishAsync(aInUs[1], DemoRuns.Start, "{}", "1:a:us:drop-1", "test-node"),
        };

        var notifications = await database.Notifications.AllAsync();
        var drops = await database.Publications.PlanOfRecordDropsAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(published, Is.EqualTo(new[] { true, true, false }));
            Assert.That(notifications.Select(n => $"{n.Title} {n.Region} drop {n.Drop}: {n.IdempotencyKey}"), Is.EqualTo(new[] { "a us drop 0: 1:a:us:drop-0", "a us drop 1: 1:a:us:drop-1" }));
            Assert.That(
                drops.Where(r => r.Title == "a").Select(r => $"{r.Region} {r.Drop} {(r.PublishedAt is null ? "upcoming" : "published")}"),
                Is.EqualTo(new[] { "uk 0 upcoming", "us 0 published", "uk 1 upcoming", "us 1 published", "uk 2 upcoming", "us 2 upcoming" }));
            Assert.That((await database.Publications.DropAsync("a", "us", 1))!.PublishedAt, Is.EqualTo(DemoRuns.Start));
        }
    }

    [Test]
    public async Task TryPublishAsync_SeveralConnectionsRacingOnOneDrop_ExactlyOneWinsAndOneNotificationIsQueued()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var target = Database.Fresh();
            ScheduledRelease drop;
            await using (var database = await SchedulerDatabase.OpenAsync(target, TimeProvider.System))
            {
                await DemoRuns.AdoptAsync(database, aDrops: 3);
                drop = (await database.Publications.DropAsync("a", "us", 1))!;
            }

            var publishedAt = drop.PublishAt + Duration.FromSeconds(1);
            var racers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                await using var database = await SchedulerDatabase.OpenAsync(target, TimeProvider.System);
                return await database.Publications.TryPublishAsync(drop, publishedAt, "{}", "1:a:us:drop-1", "test-node");
            })));

            await using var check = await SchedulerDatabase.OpenAsync(target, TimeProvider.System);
            var notifications = await check.Notifications.AllAsync();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(racers.Count(won => won), Is.EqualTo(1), $"attempt {attempt}");
                Assert.That(notifications.Select(n => n.IdempotencyKey), Is.EqualTo(new[] { "1:a:us:drop-1" }), $"attempt {attempt}");
                Assert.That((await check.Publications.DropAsync("a", "us", 1))!.LatenessSeconds, Is.EqualTo(1), $"attempt {attempt}");
            }
        }
    }
}
