using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Values;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Sinks;
using Scheduler.Storage;

namespace Scheduler.Publishing.Tests.Support;

/// <summary>A temporary database with plans whose releases fall at chosen instants, and a publishing host over it.</summary>
internal sealed class PublishingFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scheduler-publish-").FullName;

    public string DatabasePath => Path.Combine(_directory, "scheduler.db");

    public string SinkPath => Path.Combine(_directory, "publications.jsonl");

    public DatabaseTarget Database => DatabaseTarget.File(DatabasePath);

    public Task<SchedulerDatabase> OpenAsync(CancellationToken cancellationToken = default) => SchedulerDatabase.OpenAsync(Database, TimeProvider.System, cancellationToken);

    /// <summary>Stores and adopts a plan with one release per (title, instant).</summary>
    public Task<long> AdoptPlanAsync(params (string Title, string Region, Instant PublishAt)[] releases)
    {
        var plan = new Plan(
            new PlanScenario("Publishing test", "0", null),
            SystemClock.Instance.GetCurrentInstant(),
            new PlanSolver("test", PlanStatuses.Optimal, 0, 0, 0, 0, 0, 0),
            new PlanKpis(0, 0, 0, 0, releases.Length, releases.Select(r => r.Title).Distinct().Count(), 0),
            [.. releases.Select(r => r.Title).Distinct().Order(StringComparer.Ordinal).Select(t => new TitlePlan(t, true, PlanModes.Staggered, null, 0))],
            [.. releases.Select(r => new ReleasePlan(r.Title, r.Region, r.PublishAt.InUtc().Date, r.PublishAt, 1))]);
        return AdoptAsync(plan, "{}"u8.ToArray());
    }

    /// <summary>
    /// Stores the scenario and the plan the core's plan factory writes for the given dates (every
    /// drop at its rule-10 instant), and adopts it.
    /// </summary>
    public Task<long> AdoptPlanAsync(ScenarioDocument document, params Assignment[] assignments)
    {
        var plan = PlanFactory.Create(
            new ValueModel(document.Scenario),
            new PlanScenario(document.Scenario.Name, document.Sha256, null),
            assignments,
            k => new PlanSolver("test", PlanStatuses.Optimal, k.Objective, k.Objective, 0, 0, 0, 0),
            Now);
        return AdoptAsync(plan, document.Content);
    }

    /// <summary>
    /// Autumn 2027 in Germany and the United Kingdom, both releasing at local midnight (the clocks
    /// go back on 31 October): <c>weekly</c> goes live in 4 drops a week apart, <c>film</c> whole.
    /// </summary>
    public static JsonObject WeeklyScenario()
    {
        var document = Scenarios.Minimal();
        document["name"] = "Weekly test";
        document["horizon"] = new JsonObject { ["start"] = "2027-10-01", ["end"] = "2027-12-31" };
        document["regions"] = JsonNode.Parse("""
            [
              { "id": "de", "name": "Germany", "timeZone": "Europe/Berlin", "audience": 2 },
              { "id": "uk", "name": "United Kingdom", "timeZone": "Europe/London", "audience": 1 }
            ]
            """);
        document["titles"] = JsonNode.Parse("""
            [
              { "id": "weekly", "name": "Weekly", "genres": ["reality"], "demand": 100, "release": "staggered", "drops": 4, "dropIntervalDays": 7 },
              { "id": "film", "name": "Film", "genres": ["drama"], "demand": 50, "release": "staggered" }
            ]
            """);
        return document;
    }

    /// <summary>A staggered title on the same date in the given regions.</summary>
    public static Assignment Staggered(string title, LocalDate date, params string[] regions)
        => new(title, PlanModes.Staggered, regions.ToImmutableDictionary(r => r, _ => date, StringComparer.Ordinal));

    private async Task<long> AdoptAsync(Plan plan, ReadOnlyMemory<byte> scenarioContent)
    {
        await using var database = await OpenAsync();
        var run = await database.Runs.StoreAsync(NewRun.ForVerifiedPlan(plan, scenarioContent, RunTrigger.Cli, plan.GeneratedAt, plan.GeneratedAt));
        await database.PlanOfRecord.AdoptAsync(run, "test");
        return run;
    }

    /// <summary>
    /// A host that publishes the plan of record and nothing else: publication's services and loops
    /// over Quartz's SQLite store beside the database, on <paramref name="time"/>.
    /// </summary>
    public IHost Host(INotificationSink? sink = null, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        var services = builder.Services;
        services.AddSingleton(clock);
        services.AddSingleton<Func<CancellationToken, Task<SchedulerDatabase>>>(cancellationToken => SchedulerDatabase.OpenAsync(Database, clock, cancellationToken));
        var options = new PublishingOptions(sink ?? new FileSink(SinkPath), ServeNode.OfThisProcess(), TimeSpan.FromMilliseconds(200));
        PublishingServices.Add(services, options);
        services.AddQuartz(q =>
        {
            q.UseTimeProvider(clock);
            PublishingServices.AddJobs(q, options, clock);
            PublishingStore.UseFile(q, Path.Combine(_directory, "scheduler.quartz.db"));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        PublishingServices.AddLoops(services);
        return builder.Build();
    }

    public string[] SinkLines() => File.Exists(SinkPath) ? File.ReadAllLines(SinkPath) : [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static Instant Now => SystemClock.Instance.GetCurrentInstant();

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan limit) => WaitUntilAsync(() => Task.FromResult(condition()), limit);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    public static ImmutableArray<string> Titles(IEnumerable<ScheduledRelease> releases) => [.. releases.Select(r => r.Title)];
}
