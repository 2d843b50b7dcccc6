using System.Globalization;
using NodaTime;
using Scheduler.Core.Domain;

namespace Scheduler.Solver.Planning;

/// <summary>
/// How many candidate releases (title, mode, region, date) a scenario implies, counted before
/// anything is built, and the memory planning them needs: a scenario is refused only when that is
/// more than the process may use (docs/scenario-format.md, "Size").
/// </summary>
public static class CandidateEstimate
{
    /// <summary>
    /// What a process holds beside the candidates: the runtime, OR-Tools, the scenario and the plan
    /// (bench/README.md, "Size limit": S plans in 117 MB, the validation of a world slate in 96 MB).
    /// </summary>
    public const long ProcessBytes = 200L << 20;

    /// <summary>
    /// What the large-neighbourhood search holds whatever the candidates, above
    /// <see cref="ReleasePlanner.WholeModelCandidates"/> where it runs: the neighbourhood models of
    /// each worker, the bound's prices, the slates of the construction. The world slate (190
    /// regions) took 851 MB with 129,456 candidates in a 300 s run, and XL at high contention 567 MB
    /// with 144,816, process included (bench/README.md, "Slates by the million").
    /// </summary>
    public const long SearchBytes = 1L << 30;

    /// <summary>
    /// What a candidate costs: 95 bytes from XL-wide (1,087,864 candidates, 605 MB) to XXL
    /// (4,584,329 candidates, 922 MB), 211 bytes at XXL with the process included; counted at more
    /// than twice the first (bench/README.md, "Slates by the million").
    /// </summary>
    public const long BytesPerCandidate = 250;

    /// <summary>
    /// What the whole CP-SAT model adds a candidate, up to <see cref="ReleasePlanner.SearchThenWholeModelCandidates"/>
    /// where it is built: XL's took 2.65 GB for 144,816 candidates, 18.3 KB each (bench/README.md, "Size limit").
    /// </summary>
    public const long WholeModelBytesPerCandidate = 19_000;

    /// <summary>
    /// The memory a plan of <paramref name="candidates"/> candidates needs: the process, each
    /// candidate, the search where it runs and the whole model where it is built. Not monotone: a
    /// slate just above <see cref="ReleasePlanner.SearchThenWholeModelCandidates"/> needs less than
    /// one just below it, because its whole model is never built.
    /// </summary>
    public static long BytesNeeded(long candidates)
        => ProcessBytes + (candidates * BytesPerCandidate)
           + (candidates > ReleasePlanner.WholeModelCandidates ? SearchBytes : 0)
           + (candidates <= ReleasePlanner.SearchThenWholeModelCandidates ? candidates * WholeModelBytesPerCandidate : 0);

    /// <summary>
    /// What this process may use: the GC's view of the memory available to it, which honours
    /// <c>DOTNET_GCHeapHardLimit</c> and a container's limit, else the machine's memory.
    /// </summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The memory a plan may use here, by default: <see cref="AvailableBytes"/>.</summary>
    public static long DefaultMemoryLimit => AvailableBytes();

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
        // A title with formats has the candidates of each of them (Model.FormatExpansion).
        foreach (var title in scenario.Titles.SelectMany(t => t.Formats.Length > 1 ? t.Formats.Select(f => t.InFormat(f.Id)) : [t]))
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
    /// Null when the candidates <paramref name="scenario"/> implies fit in <paramref name="memoryLimit"/>
    /// bytes; otherwise the sentence that refuses it, naming its size and what to reduce.
    /// </summary>
    /// <param name="scenario">The scenario (or variant) to plan.</param>
    /// <param name="name">How to name it: the scenario's name, and the variant's when there is one.</param>
    /// <param name="memoryLimit">The memory planning may use: <see cref="DefaultMemoryLimit"/>, or what <c>--max-memory</c> asks for.</param>
    public static string? Refusal(Scenario scenario, string name, long memoryLimit)
    {
        var count = Count(scenario);
        return BytesNeeded(count) > memoryLimit ? Message(name, count, memoryLimit) : null;
    }

    /// <summary>How a scenario is named in the refusal: <c>'name'</c>, or <c>'name' (variant 'v')</c>.</summary>
    public static string NameOf(string scenarioName, string? variant)
        => variant is null ? $"'{scenarioName}'" : $"'{scenarioName}' (variant '{variant}')";

    /// <summary>The refusal of a scenario implying <paramref name="count"/> candidates, which need more than <paramref name="memoryLimit"/> bytes.</summary>
    public static string Message(string name, long count, long memoryLimit)
        => string.Create(
               CultureInfo.InvariantCulture,
               $"Scenario {name} implies {count:N0} candidate releases (titles x regions x allowed dates), which need about {Size(BytesNeeded(count))} of memory; planning may use {Size(memoryLimit)} (--max-memory, else what this process may use). ")
           + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter).";

    /// <summary>A size in MB below 10 GB, in GB above.</summary>
    public static string Size(long bytes)
        => bytes < 10L << 30
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):N0} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):N1} GB");
}
