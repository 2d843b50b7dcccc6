using NodaTime;
using Scheduler.Storage.Tests.Support;

namespace Scheduler.Storage.Tests.Stores;

/// <summary>The plan of record's drops as publishing reads them: what is due, at which instants, and how many stand in each state.</summary>
[TestFixtureSource(typeof(TestDatabase), nameof(TestDatabase.Kinds))]
public class PublicationScheduleTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static string Key(ScheduledRelease d) => $"{d.Title} {d.Region} {d.Drop}";

    private static IEnumerable<DropPublication> Publications(IEnumerable<ScheduledRelease> drops) => drops.Select(d => new DropPublication(d, Key(d), "{}"));

    [Test]
    public async Task DueAsync_AfterABatchIsPublished_GivesTheRestInPublicationOrderWithTheirInstants()
    {
        await using var database = await Database.OpenAsync();
        await DemoRuns.AdoptAsync(database, aDrops: 3);
        var all = await database.Publications.PlanOfRecordDropsAsync();
        var through = all[^2].PublishAt;

        var first = await database.Publications.DueAsync(through, 2);
        var published = await database.Publications.PublishAsync([.. Publications(first)], through, "node-a");
        var again = await database.Publications.PublishAsync([.. Publications(first)], through, "node-b");
        var rest = await database.Publications.DueAsync(through, 100);
        var instants = await database.Publications.DueInstantsAsync(through);

        var expected = all.Where(d => d.PublishAt <= through).OrderBy(d => d.PublishAt).ThenBy(d => d.Drop).ThenBy(d => d.Region, StringComparer.Ordinal).ThenBy(d => d.Title, StringComparer.Ordinal).Select(Key).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Concat(rest).Select(Key), Is.EqualTo(expected), "each due drop once, in publication order");
            Assert.That(published.Select(Key), Is.EqualTo(first.Select(Key)));
            Assert.That(again, Is.Empty, "published before: nothing again, not even a notification");
            Assert.That((await database.Notifications.AllAsync()).Select(n => n.IdempotencyKey), Is.EqualTo(first.Select(Key)));
            Assert.That(instants, Is.EqualTo(rest.GroupBy(d => d.PublishAt).Select(g => (g.Key, g.Count()))));
        }
    }

    [Test]
    public async Task CountsAndPageAsync_PublishedOnTimeLateAndFailed_CountEachStateAndFilterByIt()
    {
        await using var database = await Database.OpenAsync();
        await DemoRuns.AdoptAsync(database, aDrops: 3);
        var all = await database.Publications.PlanOfRecordDropsAsync();
        await database.Publications.PublishAsync([.. Publications(all.Take(2))], all[0].PublishAt, "node-a");
        await database.Publications.PublishAsync([.. Publications(all.Skip(2).Take(2))], all[3].PublishAt + Duration.FromMinutes(2), "node-a");
        var failed = (await database.Notifications.AllAsync())[1];
        await database.Notifications.RecordDeliveryAsync(failed.Id, NotificationStatus.Failed, "400 Bad Request");

        var counts = await database.Publications.CountsAsync();
        var late = await database.Publications.PageAsync(PublicationState.Late, 0, 10);
        var failures = await database.Publications.PageAsync(PublicationState.Failed, 0, 10);
        var secondPage = await database.Publications.PageAsync(null, 2, 3);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(counts, Is.EqualTo(new PublicationCounts(all.Count - 4, 1, 2, 1)));
            Assert.That(late.Select(s => Key(s.Drop)), Is.EqualTo(all.Skip(2).Take(2).Select(Key)));
            Assert.That(failures.Select(s => (Key(s.Drop), s.State, s.Error)), Is.EqualTo(new[] { (Key(all[1]), PublicationState.Failed, (string?)"400 Bad Request") }));
            Assert.That(secondPage.Select(s => Key(s.Drop)), Is.EqualTo(all.Skip(2).Take(3).Select(Key)), "in publication order, as the whole list");
        }
    }

    [Test]
    public async Task AdoptAsync_ANewRunOfDropsPublishedUnderTheOld_CountsThemPublishedAndNeverDueAgain()
    {
        await using var database = await Database.OpenAsync();
        await DemoRuns.AdoptAsync(database, aDrops: 3);
        var all = await database.Publications.PlanOfRecordDropsAsync();
        await database.Publications.PublishAsync([.. Publications(all.Take(3))], all[2].PublishAt, "node-a");

        var second = await DemoRuns.AdoptAsync(database, aDrops: 3);
        var due = await database.Publications.DueAsync(all[^1].PublishAt, 100);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(due.Select(Key), Is.EquivalentTo(all.Skip(3).Select(Key)));
            Assert.That(due.Select(d => d.RunId), Has.All.EqualTo(second));
            Assert.That((await database.Publications.CountsAsync()).Upcoming, Is.EqualTo(all.Count - 3));
        }
    }
}
