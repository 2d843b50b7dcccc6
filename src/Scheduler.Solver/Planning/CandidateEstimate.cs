using System.Globalization;
using NodaTime;
using Scheduler.Core.Domain;

namespace Scheduler.Solver.Planning;

/// <summary>
/// How many candidate releases (title, mode, region, date) a scenario implies, counted before
/// anything is built, and the limit above which planning refuses it instead of running out of
/// memory: what the memory this process may use holds (docs/scenario-format.md, "Size").
/// </summary>
public static class CandidateEstimate
{
    /// <summary>
    /// What a process holds beside the candidates: the runtime, OR-Tools, the scenario and the plan
    /// (bench/README.md, "Size limit": S plans in 117 MB, the validation of a world slate in 96 MB).
    /// </summary>
    public const long ProcessBytes = 200L << 20;

    /// <summary>
    /// The memory a candidate costs on the path that does not build the whole model: 4.0 KB at
    /// XL high contention (144,816 candidates, 567 MB), 4.7 KB on the world slate (129,456
    /// candidates, 607 MB), process included (bench/README.md, "Size limit").
    /// </summary>
    public const long BytesPerCandidate = 5_000;

    /// <summary>
    /// What the whole CP-SAT model adds a candidate, up to <see cref="ReleasePlanner.SearchThenWholeModelCandidates"/>
    /// where it is built: XL's took 2.65 GB for 144,816 candidates, 18.3 KB each (bench/README.md, "Size limit").
    /// </summary>
    public const long WholeModelBytesPerCandidate = 19_000;

    /// <summary>
    /// The most candidates <paramref name="memoryBytes"/> of memory holds. Above
    /// <see cref="ReleasePlanner.SearchThenWholeModelCandidates"/> a candidate costs
    /// <see cref="BytesPerCandidate"/>; up to it the whole model is built as well. When memory cannot
    /// hold the whole model at that size, the limit is what it holds with it (conservative: a larger
    /// slate planned without the whole model might still fit).
    /// </summary>
    public static long LimitFor(long memoryBytes)
        => memoryBytes >= BytesNeeded(ReleasePlanner.SearchThenWholeModelCandidates)
            ? Math.Max(ReleasePlanner.SearchThenWholeModelCandidates, (memoryBytes - ProcessBytes) / BytesPerCandidate)
            : Math.Max(0, (memoryBytes - ProcessBytes) / (BytesPerCandidate + WholeModelBytesPerCandidate));

    /// <summary>The memory a plan of <paramref name="candidates"/> candidates needs: the process, each candidate, and the whole model where it is built.</summary>
    public static long BytesNeeded(long candidates)
        => ProcessBytes + (candidates * BytesPerCandidate)
           + (candidates <= ReleasePlanner.SearchThenWholeModelCandidates ? candidates * WholeModelBytesPerCandidate : 0);

    /// <summary>
    /// What this process may use: the GC's view of the memory available to it, which honours
    /// <c>DOTNET_GCHeapHardLimit</c> and a container's limit, else the machine's memory.
    /// </summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The most candidates a scenario may imply here, by default: what <see cref="AvailableBytes"/> holds.</summary>
    public static long DefaultLimit => LimitFor(AvailableBytes());

    /// <summary>
    /// The candidates <c>CandidateSet</c> starts from: per title, the dates valid in all its regions
    /// (global, unless it must stagger or its pins differ) plus the dates of each region (staggered,
    /// unless it must release globally, and only when every region has one), by the rules of
    /// <see cref="Scenario.ReleaseDatesOf"/> and the pins. The propagation of stagger windows and
    /// sequel gaps can only remove some, so this is an upper bound, and exact without them.
    /// Allocates one array of the horizon's length, not the candidates.
    /// </summary>
    public static long Count(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var start = scenario.Horizon.Start;
        var regionsOnDay = new int[scenario.Horizon.Length];
        long total = 0;
        foreach (var title in scenario.Titles)
        {
            var global = title.Release != ReleaseMode.Staggered && title.Pins.Values.Distinct().Count() <= 1;
            var staggered = title.Release != ReleaseMode.Global;
            if (global)
            {
                Array.Clear(regionsOnDay);
            }

            long perRegion = 0;
            var everyRegion = true;
            foreach (var region in title.Regions)
            {
                var pinned = title.Pins.TryGetValue(region, out var pin);
                var count = 0;
                foreach (var date in scenario.ReleaseDatesOf(title, region))
                {
                    if (pinned && date != pin)
                    {
                        continue;
                    }

                    count++;
                    if (global)
                    {
                        regionsOnDay[Period.DaysBetween(start, date)]++;
                    }
                }

                perRegion += count;
                everyRegion &= count > 0;
            }

            if (global)
            {
                total += regionsOnDay.Count(regions => regions == title.Regions.Length);
            }

            if (staggered && everyRegion)
            {
                total += perRegion;
            }
        }

        return total;
    }

    /// <summary>
    /// Null when <paramref name="scenario"/> implies at most <paramref name="limit"/> candidates;
    /// otherwise the sentence that refuses it, naming its size and what to reduce.
    /// </summary>
    /// <param name="scenario">The scenario (or variant) to plan.</param>
    /// <param name="name">How to name it: the scenario's name, and the variant's when there is one.</param>
    /// <param name="limit">The limit: <see cref="DefaultLimit"/>, or <see cref="LimitFor"/> the memory asked for.</param>
    public static string? Refusal(Scenario scenario, string name, long limit)
    {
        var count = Count(scenario);
        return count > limit ? Message(name, count, limit) : null;
    }

    /// <summary>How a scenario is named in the refusal: <c>'name'</c>, or <c>'name' (variant 'v')</c>.</summary>
    public static string NameOf(string scenarioName, string? variant)
        => variant is null ? $"'{scenarioName}'" : $"'{scenarioName}' (variant '{variant}')";

    /// <summary>The refusal of a scenario implying <paramref name="count"/> candidates, above <paramref name="limit"/>.</summary>
    public static string Message(string name, long count, long limit)
        => string.Create(
               CultureInfo.InvariantCulture,
               $"Scenario {name} implies {count:N0} candidate releases (titles x regions x allowed dates), which need about {Size(BytesNeeded(count))} of memory; the limit is {limit:N0}, what {Size(BytesNeeded(limit))} holds (--max-memory, else what this process may use). ")
           + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter).";

    /// <summary>A size in MB below 10 GB, in GB above.</summary>
    public static string Size(long bytes)
        => bytes < 10L << 30
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):N0} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):N1} GB");
}
