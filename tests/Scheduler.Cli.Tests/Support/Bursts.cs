using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Support;

/// <summary>Plans of record whose releases fall due one after another while serve nodes run, and what became of them.</summary>
internal static class Bursts
{
    /// <summary>
    /// Adopts a plan of record of <paramref name="count"/> releases in one region, falling due one
    /// after another over <paramref name="spread"/> from <paramref name="inSeconds"/> seconds from now;
    /// returns the first one's instant.
    /// </summary>
    public static async Task<Instant> AdoptAsync(string database, int count, TimeSpan spread, string prefix = "t", int inSeconds = 8)
    {
        var first = SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(inSeconds);
        var step = Duration.FromTimeSpan(spread / count);
        var titles = Enumerable.Range(1, count).Select(i => $"{prefix}{i:000}").ToList();
        var plan = new Plan(
            new PlanScenario("Burst", "0", null),
            first,
            new PlanSolver("test", PlanStatuses.Optimal, 0, 0, 0, 0, 0, 0),
            new PlanKpis(0, 0, 0, 0, count, count, 0),
            [.. titles.Select(t => new TitlePlan(t, true, PlanModes.Staggered, null, 0))],
            [.. titles.Select((t, i) => new ReleasePlan(t, "us", first.InUtc().Date, first + (step * i), 1))]);
        await using var store = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(database), TimeProvider.System);
        var scenario = """{ "name": "Burst", "regions": [ { "id": "us", "name": "US", "timeZone": "America/New_York", "audience": 1 } ] }"""u8.ToArray();
        var run = await store.Runs.StoreAsync(NewRun.ForVerifiedPlan(plan, scenario, RunTrigger.Cli, first, first));
        await store.PlanOfRecord.AdoptAsync(run, "test");
        return first;
    }

    /// <summary>
    /// The plan of record's drops as the database holds them, published or not. Pooled connections
    /// that a server restart broke fail once each: the read is tried again on a new one.
    /// </summary>
    public static async Task<IReadOnlyList<ScheduledRelease>> DropsAsync(string database)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var store = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(database), TimeProvider.System);
                return await store.Publications.PlanOfRecordDropsAsync();
            }
            catch (Exception ex) when (attempt < 20 && DatabaseFaults.IsTransient(ex))
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>The idempotency keys of every notification written to the JSON-lines sinks <paramref name="sinks"/>.</summary>
    public static List<string> SinkKeys(params string[] sinks)
        => [.. sinks.Where(File.Exists)
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("idempotencyKey").GetString()!)];

    /// <summary>Waits until <paramref name="condition"/> holds or <paramref name="limit"/> passes.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition() && clock.Elapsed < limit)
        {
            await Task.Delay(200);
        }
    }
}
