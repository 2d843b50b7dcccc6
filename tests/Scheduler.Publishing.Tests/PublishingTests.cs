using System.Text.Json;
using NodaTime;
using Scheduler.Publishing.Tests.Support;

namespace Scheduler.Publishing.Tests;

public class PublishingTests
{
    [Test]
    public async Task TryPublish_SameReleaseTwice_PublishesOnceAndQueuesOneNotification()
    {
        using var fixture = new PublishingFixture();
        await fixture.AdoptPlanAsync(("a", "us", PublishingFixture.Now - Duration.FromSeconds(5)));
        await using var database = await fixture.OpenAsync();
        var release = (await database.Publications.PlanOfRecordDropsAsync()).Single();

        var first = await database.Publications.TryPublishAsync(release, PublishingFixture.Now, "{}", "1:a:us", "test-node");
        var second = await database.Publications.TryPublishAsync(release, PublishingFixture.Now, "{}", "1:a:us", "test-node");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That(await database.Notifications.AllAsync(), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Serve_ReleaseDueInTwoSeconds_IsPublishedOnceWithinASecondOfItsInstant()
    {
        using var fixture = new PublishingFixture();
        var due = PublishingFixture.Now + Duration.FromSeconds(2);
        await fixture.AdoptPlanAsync(("a", "us", due));

        using (var host = fixture.Host())
        {
            await host.StartAsync();
            await PublishingFixture.WaitUntilAsync(() => fixture.SinkLines().Length > 0, TimeSpan.FromSeconds(10));
            await Task.Delay(1000);
            await host.StopAsync();
        }

        await using var database = await fixture.OpenAsync();
        var published = (await database.Publications.PlanOfRecordDropsAsync()).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fixture.SinkLines(), Has.Length.EqualTo(1));
            Assert.That(published.PublishedAt, Is.Not.Null);
            Assert.That((published.PublishedAt!.Value - due).TotalSeconds, Is.InRange(0, 1.0));
            using var line = JsonDocument.Parse(fixture.SinkLines()[0]);
            Assert.That(line.RootElement.GetProperty("title").GetString(), Is.EqualTo("a"));
            Assert.That(line.RootElement.GetProperty("idempotencyKey").GetString(), Does.EndWith(":a:us"));
        }
    }

    [Test]
    public async Task Serve_RestartAfterAMissedInstant_PublishesOnceOnStartWithTheLateness()
    {
        using var fixture = new PublishingFixture();
        await fixture.AdoptPlanAsync(("late", "us", PublishingFixture.Now - Duration.FromSeconds(30)), ("later", "us", PublishingFixture.Now - Duration.FromSeconds(20)));

        for (var start = 0; start < 2; start++)
        {
            using var host = fixture.Host();
            await host.StartAsync();
            await PublishingFixture.WaitUntilAsync(() => fixture.SinkLines().Length >= 2, TimeSpan.FromSeconds(10));
            await Task.Delay(500);
            await host.StopAsync();
        }

        await using var database = await fixture.OpenAsync();
        var releases = await database.Publications.PlanOfRecordDropsAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fixture.SinkLines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("title").GetString()), Is.EqualTo(new[] { "late", "later" }));
            Assert.That(releases.Single(r => r.Title == "late").LatenessSeconds, Is.GreaterThanOrEqualTo(30));
            Assert.That(releases.Single(r => r.Title == "later").LatenessSeconds, Is.GreaterThanOrEqualTo(20));
        }
    }

    [Test]
    public async Task Serve_AdoptionWhileRunning_MovesTheTriggerAndNeverRepublishes()
    {
        using var fixture = new PublishingFixture();
        var now = PublishingFixture.Now;
        await fixture.AdoptPlanAsync(("done", "us", now - Duration.FromSeconds(1)), ("moved", "us", now + Duration.FromHours(1)));
        using var host = fixture.Host();
        await host.StartAsync();
        await PublishingFixture.WaitUntilAsync(() => fixture.SinkLines().Length >= 1, TimeSpan.FromSeconds(10));

        // A new plan of record: "done" again (already published), "moved" now due in two seconds.
        await fixture.AdoptPlanAsync(("done", "us", now + Duration.FromSeconds(2)), ("moved", "us", now + Duration.FromSeconds(2)));
        await PublishingFixture.WaitUntilAsync(() => fixture.SinkLines().Length >= 2, TimeSpan.FromSeconds(15));
        await Task.Delay(1500);
        await host.StopAsync();

        Assert.That(fixture.SinkLines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("title").GetString()), Is.EqualTo(new[] { "done", "moved" }));
    }
}
