using System.Text;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Cli.Tests.Support;

/// <summary>
/// Plans of record the size of a world's year: titles × regions whole-season releases, title t
/// going live on day t × 365 / titles after the first instant, each region at one of 40 instants
/// half an hour apart that day (midnight in 40 zones). Built without solving, stored as verified.
/// </summary>
internal sealed class WorldPlans
{
    public const int Zones = 40;

    public WorldPlans(Instant first, int titles = 300, int regions = 200)
    {
        First = first;
        Titles = titles;
        Regions = regions;
    }

    public Instant First { get; }

    public int Titles { get; }

    public int Regions { get; }

    public int Drops => Titles * Regions;

    public static string Title(int t) => $"w{t:000}";

    public static string Region(int r) => $"r{r:000}";

    /// <summary>The instant of title <paramref name="t"/> in region <paramref name="r"/>.</summary>
    public Instant At(int t, int r) => First + Duration.FromDays(t * 365L / Titles) + Duration.FromMinutes(30 * (r % Zones));

    /// <summary>
    /// Stores and adopts the plan, with <paramref name="moved"/> giving some (title, region)
    /// another instant; returns the run.
    /// </summary>
    public async Task<long> AdoptAsync(string database, IReadOnlyDictionary<(int Title, int Region), Instant>? moved = null)
    {
        var releases = new List<ReleasePlan>(Drops);
        for (var t = 0; t < Titles; t++)
        {
            for (var r = 0; r < Regions; r++)
            {
                var at = moved is not null && moved.TryGetValue((t, r), out var other) ? other : At(t, r);
                releases.Add(new ReleasePlan(Title(t), Region(r), at.InUtc().Date, at, 1));
            }
        }

        var plan = new Plan(
            new PlanScenario("World", "0", null),
            First,
            new PlanSolver("test", PlanStatuses.Optimal, 0, 0, 0, 0, 0, 0),
            new PlanKpis(0, 0, 0, 0, Drops, Drops, 0),
            [.. Enumerable.Range(0, Titles).Select(t => new TitlePlan(Title(t), true, PlanModes.Staggered, null, 0))],
            [.. releases]);
        var scenario = new StringBuilder("""{ "name": "World", "regions": [""");
        scenario.AppendJoin(", ", Enumerable.Range(0, Regions).Select(r => $$"""{ "id": "{{Region(r)}}", "name": "{{Region(r)}}", "timeZone": "Etc/UTC", "audience": 1 }"""));
        scenario.Append("] }");
        await using var store = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(database), TimeProvider.System);
        var run = await store.Runs.StoreAsync(NewRun.ForVerifiedPlan(plan, Encoding.UTF8.GetBytes(scenario.ToString()), RunTrigger.Cli, First, First));
        await store.PlanOfRecord.AdoptAsync(run, "test");
        return run;
    }

    /// <summary>The distinct instants of unpublished drops due up to <paramref name="through"/>, as a filling of the window must give them triggers.</summary>
    public static async Task<List<Instant>> DueInstantsAsync(string database, Instant through)
    {
        await using var store = await SchedulerDatabase.OpenAsync(DatabaseTarget.Parse(database), TimeProvider.System);
        return [.. (await store.Publications.PlanOfRecordDropsAsync()).Where(d => d.PublishedAt is null && d.PublishAt <= through).Select(d => d.PublishAt).Distinct().Order()];
    }
}
