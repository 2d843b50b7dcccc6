using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Scheduler.Application.Replanning;
using Scheduler.Publishing;
using Scheduler.Publishing.Tests.Support;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Tests.Replanning;

// The test scenarios, not the application namespace of the same name.
using Scenarios = Scheduler.Core.Tests.Support.Scenarios;

/// <summary>Replans of a weekly title that has started to go live: what is published, and what was announced with it, stays.</summary>
public class ReplanServiceTests
{
    private static readonly LocalDate Premiere = new(2027, 10, 15);

    /// <summary>Adopts "weekly" from 2027-10-15 in de and uk and "film" on 2027-11-12, then publishes what is due at <paramref name="now"/>.</summary>
    private static async Task AdoptAndPublishAsync(PublishingFixture fixture, Instant now)
    {
        await fixture.AdoptPlanAsync(
            Scenarios.Load(PublishingFixture.WeeklyScenario()),
            PublishingFixture.Staggered("weekly", Premiere, "de", "uk"),
            PublishingFixture.Staggered("film", new LocalDate(2027, 11, 12), "de", "uk"));
        await CatchUpAsync(fixture, now);
    }

    /// <summary>Stores a newer version of the scenario, changed by <paramref name="change"/> (the replan plans against it).</summary>
    private static async Task StoreNewVersionAsync(PublishingFixture fixture, Action<JsonObject> change)
    {
        var scenario = PublishingFixture.WeeklyScenario();
        change(scenario);
        var document = Scenarios.Load(scenario);
        await using var database = await fixture.OpenAsync();
        await database.Scenarios.StoreAsync(document.Content, document.Scenario.Name, document.Sha256);
    }

    /// <summary>Publishes what is due at <paramref name="now"/>; returns how many drops.</summary>
    private static async Task<int> CatchUpAsync(PublishingFixture fixture, Instant now)
    {
        using var metrics = TestMeters.Metrics();
        using var publisher = new Publisher(fixture.OpenAsync, new FakeTimeProvider(now.ToDateTimeOffset()), new DeliverySignal(), new Scheduler.Publishing.Hosting.ServeNode("test-node"), metrics, NullLogger<Publisher>.Instance);
        return await publisher.CatchUpAsync();
    }

    private static async Task<ReplanReport> ReplanAsync(PublishingFixture fixture, Instant asOf)
    {
        using var replans = new ReplanService(fixture.OpenAsync, new ReleasePlanner(TimeProvider.System), TimeProvider.System, NullLogger<ReplanService>.Instance);
        return await replans.RunAsync(RunTrigger.Cli, asOf, dryRun: false, "test");
    }

    /// <summary>The plan of record's drops of "weekly", as "region drop date publishAt published-at".</summary>
    private static async Task<string[]> WeeklyDropsAsync(PublishingFixture fixture)
    {
        await using var database = await fixture.OpenAsync();
        return [.. (await database.Publications.PlanOfRecordDropsAsync()).Where(r => r.Title == "weekly")
            .Select(r => $"{r.Region} {r.Drop} {r.Date:uuuu-MM-dd} {r.PublishAt} {(r.PublishedAt is { } at ? at.ToString() : "upcoming")}")];
    }

    private static string[] Warnings(ReplanReport report) => [.. report.Lines.Where(l => l.StartsWith("WARNING", StringComparison.Ordinal))];

    [Test]
    public async Task RunAsync_CandidatesNeedingMoreThanTheMemoryLimit_IsRefusedStoringNothingAndKeepsThePlanOfRecord()
    {
        using var fixture = new PublishingFixture();
        var now = Instant.FromUtc(2027, 10, 15, 12, 0);
        await AdoptAndPublishAsync(fixture, now);
        long? record;
        int runs;
        await using (var before = await fixture.OpenAsync())
        {
            record = await before.PlanOfRecord.CurrentAsync();
            runs = (await before.Runs.ListAsync(100)).Count;
        }

        using var replans = new ReplanService(fixture.OpenAsync, new ReleasePlanner(TimeProvider.System), TimeProvider.System, NullLogger<ReplanService>.Instance) { MemoryLimit = 200L << 20 };
        var report = await replans.RunAsync(RunTrigger.Cli, now, dryRun: false, "test");

        await using var database = await fixture.OpenAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Succeeded, Is.False);
            Assert.That(report.RunId, Is.Null);
            Assert.That(report.Outcome?.Outcome.Status, Is.EqualTo(PlanningStatus.TooLarge));
            Assert.That(report.Lines.Single(), Does.Match(@"^Scenario 'Weekly test' implies \d+ candidate releases .*; planning may use 200 MB \(--max-memory, else what this process may use\)\. .* Nothing was stored; the plan of record \(run \d+\) stays\.$"));
            Assert.That(await database.PlanOfRecord.CurrentAsync(), Is.EqualTo(record));
            Assert.That(await database.Runs.ListAsync(100), Has.Count.EqualTo(runs));
        }
    }

    [Test]
    public async Task RunAsync_PremierePublishedAndTheTitleNowWantedLater_KeepsEveryDropWhereItWas()
    {
        using var fixture = new PublishingFixture();
        var now = Instant.FromUtc(2027, 10, 15, 12, 0);
        await AdoptAndPublishAsync(fixture, now);
        var before = await WeeklyDropsAsync(fixture);

        // Moving "weekly" to its new preferred date would gain half its value for a tiny move cost.
        await StoreNewVersionAsync(fixture, scenario =>
        {
            scenario["objective"] = new JsonObject { ["moveCost"] = 0.001 };
            Scenarios.Title(scenario, 0)["preferred"] = "2027-11-19";
            Scenarios.Title(scenario, 0)["delayCostPerWeek"] = 0.1;
        });
        var report = await ReplanAsync(fixture, now);

        await using var database = await fixture.OpenAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Adopted, Is.True, string.Join("\n", report.Lines));
            Assert.That(await database.PlanOfRecord.CurrentAsync(), Is.EqualTo(report.RunId));
            Assert.That(await WeeklyDropsAsync(fixture), Is.EqualTo(before));
            Assert.That(before.Count(d => !d.EndsWith("upcoming", StringComparison.Ordinal)), Is.EqualTo(2), "the premieres are published");
            Assert.That(Warnings(report), Is.Empty);
            Assert.That(await CatchUpAsync(fixture, now), Is.Zero);
        }
    }

    [Test]
    public async Task RunAsync_IntervalChangedAfterADropWentLive_KeepsTheTitlesDropsAndWarns()
    {
        using var fixture = new PublishingFixture();
        var now = Instant.FromUtc(2027, 10, 22, 12, 0);
        await AdoptAndPublishAsync(fixture, now);
        var before = await WeeklyDropsAsync(fixture);

        await StoreNewVersionAsync(fixture, scenario => Scenarios.Title(scenario, 0)["dropIntervalDays"] = 14);
        var report = await ReplanAsync(fixture, now);

        await using var database = await fixture.OpenAsync();
        var warnings = new[]
        {
            "'weekly' keeps its 4 drops every 7 days: its premiere in 'de' is published, and the scenario's 4 drops every 14 days would move its published drop 1 from 2027-10-22 to 2027-10-29",
            "'weekly' keeps its 4 drops every 7 days: its premiere in 'uk' is published, and the scenario's 4 drops every 14 days would move its published drop 1 from 2027-10-22 to 2027-10-29",
        };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Adopted, Is.True, string.Join("\n", report.Lines));
            Assert.That(await WeeklyDropsAsync(fixture), Is.EqualTo(before));
            Assert.That(before.Count(d => !d.EndsWith("upcoming", StringComparison.Ordinal)), Is.EqualTo(4), "drops 0 and 1 are published");
            Assert.That(Warnings(report), Is.EqualTo(warnings.Select(w => $"WARNING: {w}")));
            Assert.That((await database.Runs.FindAsync(report.RunId!.Value))!.Messages, Is.EqualTo(warnings));
            Assert.That(await CatchUpAsync(fixture, now), Is.Zero);
            Assert.That(await database.Notifications.AllAsync(), Has.Count.EqualTo(4));
        }
    }

    // A format change after the premiere went live that would move or take away an announced drop.
    private static IEnumerable<TestCaseData> FormatChangesThatMoveADrop()
    {
        yield return new TestCaseData("dropIntervalDays", 14, "4 drops every 14 days would move its upcoming drop 1 from 2027-10-22 to 2027-10-29")
            .SetName("RunAsync_IntervalChangedWhenOnlyThePremiereWentLive_KeepsTheAnnouncedDropsAndWarns");
        yield return new TestCaseData("drops", 2, "2 drops every 7 days would take away its upcoming drop 2 on 2027-10-29")
            .SetName("RunAsync_SeasonShortenedAfterThePremiere_KeepsTheAnnouncedDropsAndWarns");
    }

    [TestCaseSource(nameof(FormatChangesThatMoveADrop))]
    public async Task RunAsync_FormatChangedAfterThePremiere_KeepsTheAnnouncedDropsAndWarns(string field, int value, string change)
    {
        using var fixture = new PublishingFixture();
        var now = Instant.FromUtc(2027, 10, 15, 12, 0);
        await AdoptAndPublishAsync(fixture, now);
        var before = await WeeklyDropsAsync(fixture);

        await StoreNewVersionAsync(fixture, scenario => Scenarios.Title(scenario, 0)[field] = value);
        var report = await ReplanAsync(fixture, now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Adopted, Is.True, string.Join("\n", report.Lines));
            Assert.That(await WeeklyDropsAsync(fixture), Is.EqualTo(before));
            Assert.That(Warnings(report), Is.EqualTo(new[]
            {
                $"WARNING: 'weekly' keeps its 4 drops every 7 days: its premiere in 'de' is published, and the scenario's {change}",
                $"WARNING: 'weekly' keeps its 4 drops every 7 days: its premiere in 'uk' is published, and the scenario's {change}",
            }));
        }
    }

    [Test]
    public async Task RunAsync_SeasonExtendedAfterThePremiere_AddsTheNewDropsAfterTheOldOnes()
    {
        using var fixture = new PublishingFixture();
        var now = Instant.FromUtc(2027, 10, 15, 12, 0);
        await AdoptAndPublishAsync(fixture, now);
        var before = await WeeklyDropsAsync(fixture);

        await StoreNewVersionAsync(fixture, scenario => Scenarios.Title(scenario, 0)["drops"] = 6);
        var report = await ReplanAsync(fixture, now);

        var after = await WeeklyDropsAsync(fixture);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Adopted, Is.True, string.Join("\n", report.Lines));
            Assert.That(Warnings(report), Is.Empty);
            Assert.That(after.Take(before.Length), Is.EqualTo(before));
            Assert.That(after.Skip(before.Length), Is.EqualTo(new[]
            {
                "de 4 2027-11-12 2027-11-11T23:00:00Z upcoming",
                "uk 4 2027-11-12 2027-11-12T00:00:00Z upcoming",
                "de 5 2027-11-19 2027-11-18T23:00:00Z upcoming",
                "uk 5 2027-11-19 2027-11-19T00:00:00Z upcoming",
            }));
        }
    }
}
