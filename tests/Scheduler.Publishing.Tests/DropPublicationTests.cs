using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Scheduler.Core.Tests.Support;
using Scheduler.Publishing.Tests.Support;
using Scheduler.Storage;

namespace Scheduler.Publishing.Tests;

/// <summary>A weekly title goes live drop by drop: each drop once, in order, whatever restarts or fires late.</summary>
public class DropPublicationTests
{
    // Drops 0 to 3 of "weekly" in de and uk, in publication order: midnight in Berlin comes an hour
    // before midnight in London.
    private static readonly string[] AllDrops = ["de 0", "uk 0", "de 1", "uk 1", "de 2", "uk 2", "de 3", "uk 3"];

    private static Task<long> AdoptWeeklyAsync(PublishingFixture fixture)
        => fixture.AdoptPlanAsync(Scenarios.Load(PublishingFixture.WeeklyScenario()), PublishingFixture.Staggered("weekly", new LocalDate(2027, 10, 15), "de", "uk"));

    private static Publisher PublisherAt(PublishingFixture fixture, Instant now)
        => new(fixture.OpenAsync, new FakeTimeProvider(now.ToDateTimeOffset()), new DeliverySignal(), new Scheduler.Publishing.Hosting.ServeNode("test-node"), TestMeters.Metrics(), NullLogger<Publisher>.Instance);

    private static async Task<string[]> PublishedAsync(SchedulerDatabase database)
        => [.. (await database.Notifications.AllAsync()).Select(n => $"{n.Region} {n.Drop}")];

    private static async Task<int> CatchUpAsync(PublishingFixture fixture, Instant now)
    {
        using var publisher = PublisherAt(fixture, now);
        return await publisher.CatchUpAsync();
    }

    [Test]
    public async Task PublishThrough_DropNotYetDue_PublishesNothing()
    {
        using var fixture = new PublishingFixture();
        await AdoptWeeklyAsync(fixture);

        // Drop 1 in de is due at 2027-10-21T22:00Z.
        int published;
        using (var publisher = PublisherAt(fixture, Instant.FromUtc(2027, 10, 21, 21, 59, 59)))
        {
            await publisher.CatchUpAsync();
            published = await publisher.PublishThroughAsync(Instant.FromUtc(2027, 10, 21, 22, 0));
        }

        await using var database = await fixture.OpenAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(published, Is.Zero);
            Assert.That(await PublishedAsync(database), Is.EqualTo(AllDrops[..2]));
        }
    }

    [Test]
    public async Task PublishThrough_TriggerFiringLateAfterDowntime_PublishesTheMissedDropsBeforeItsOwnAndNothingAfter()
    {
        using var fixture = new PublishingFixture();
        await AdoptWeeklyAsync(fixture);
        using var publisher = PublisherAt(fixture, Instant.FromUtc(2027, 11, 6, 12, 0));

        // The trigger of drop 2 in uk (2027-10-29T00:00 in London) fires a week late.
        var first = await publisher.PublishThroughAsync(Instant.FromUtc(2027, 10, 28, 23, 0));
        var again = await publisher.PublishThroughAsync(Instant.FromUtc(2027, 10, 28, 23, 0));

        await using var database = await fixture.OpenAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(6));
            Assert.That(again, Is.Zero);
            Assert.That(await PublishedAsync(database), Is.EqualTo(AllDrops[..6]));
        }
    }

    [Test]
    public async Task CatchUp_TwoPublishersOnOneDatabase_PublishEachDueDropOnceInOrder()
    {
        using var fixture = new PublishingFixture();
        await AdoptWeeklyAsync(fixture);

        var counts = new[]
        {
            await CatchUpAsync(fixture, Instant.FromUtc(2027, 10, 22, 12, 0)),
            await CatchUpAsync(fixture, Instant.FromUtc(2027, 11, 6, 12, 0)),
            await CatchUpAsync(fixture, Instant.FromUtc(2027, 11, 6, 12, 0)),
        };

        await using var database = await fixture.OpenAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(counts, Is.EqualTo(new[] { 4, 4, 0 }));
            Assert.That(await PublishedAsync(database), Is.EqualTo(AllDrops));
        }
    }

    [Test]
    public async Task Serve_RestartBetweenDrops_PublishesEveryDropOnceInOrderWithKeysNamingTheDrops()
    {
        using var fixture = new PublishingFixture();
        var run = await AdoptWeeklyAsync(fixture);

        // Up a week after the premiere, down for two weeks, then up again twice.
        var starts = new[] { Instant.FromUtc(2027, 10, 22, 12, 0), Instant.FromUtc(2027, 11, 6, 12, 0), Instant.FromUtc(2027, 11, 6, 12, 1) };
        var expected = new[] { 4, 8, 8 };
        for (var start = 0; start < starts.Length; start++)
        {
            using var host = fixture.Host(time: new ShiftedTimeProvider(starts[start].ToDateTimeOffset()));
            await host.StartAsync();
            var lines = expected[start];
            await PublishingFixture.WaitUntilAsync(() => fixture.SinkLines().Length >= lines, TimeSpan.FromSeconds(15));
            await Task.Delay(1000);
            await host.StopAsync();
        }

        await using var database = await fixture.OpenAsync();
        var sink = fixture.SinkLines().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Select(l => $"{l.GetProperty("region").GetString()} {l.GetProperty("drop").GetInt32()}"), Is.EqualTo(AllDrops));
            Assert.That(
                (await database.Notifications.AllAsync()).Select(n => n.IdempotencyKey),
                Is.EqualTo(AllDrops.Select(d => $"{run}:weekly:{d.Replace(" ", ":drop-", StringComparison.Ordinal)}")));
            Assert.That(sink.Select(l => l.GetProperty("idempotencyKey").GetString()), Is.Unique);
            Assert.That((await database.Publications.PlanOfRecordDropsAsync()).Where(r => r.Title == "weekly").Select(r => r.PublishedAt), Has.All.Not.Null);
        }
    }
}
