using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Sinks;
using Scheduler.Storage;

namespace Scheduler.Publishing.Tests;

/// <summary>A temporary database with plans whose releases fall at chosen instants, and a publishing host over it.</summary>
internal sealed class PublishingFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scheduler-publish-").FullName;

    public string DatabasePath => Path.Combine(_directory, "scheduler.db");

    public string SinkPath => Path.Combine(_directory, "publications.jsonl");

    public SchedulerDatabase Open() => SchedulerDatabase.Open(DatabasePath, TimeProvider.System);

    /// <summary>Stores and adopts a plan with one release per (title, instant).</summary>
    public long AdoptPlan(params (string Title, string Region, Instant PublishAt)[] releases)
    {
        var plan = new Plan(
            new PlanScenario("Publishing test", "0", null),
            SystemClock.Instance.GetCurrentInstant(),
            new PlanSolver("test", PlanStatuses.Optimal, 0, 0, 0, 0, 0, 0),
            new PlanKpis(0, 0, 0, 0, releases.Length, releases.Select(r => r.Title).Distinct().Count(), 0),
            [.. releases.Select(r => r.Title).Distinct().Order(StringComparer.Ordinal).Select(t => new TitlePlan(t, true, PlanModes.Staggered, null, 0))],
            [.. releases.Select(r => new ReleasePlan(r.Title, r.Region, r.PublishAt.InUtc().Date, r.PublishAt, 1))]);
        using var database = Open();
        var run = database.StoreRun(NewRun.ForVerifiedPlan(plan, "{}"u8.ToArray(), RunTriggers.Cli, plan.GeneratedAt, plan.GeneratedAt));
        database.Adopt(run, "test");
        return run;
    }

    public IHost Host(INotificationSink? sink = null, string? replanCron = null, TimeProvider? time = null)
        => PublishingHost.Build(
            new ServeOptions(DatabasePath, sink ?? new FileSink(SinkPath)) { PollInterval = TimeSpan.FromMilliseconds(200), ReplanCron = replanCron },
            time ?? TimeProvider.System,
            logging => logging.SetMinimumLevel(LogLevel.Warning));

    public string[] SinkLines() => File.Exists(SinkPath) ? File.ReadAllLines(SinkPath) : [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static Instant Now => SystemClock.Instance.GetCurrentInstant();

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    public static ImmutableArray<string> Titles(IEnumerable<ScheduledRelease> releases) => [.. releases.Select(r => r.Title)];
}
