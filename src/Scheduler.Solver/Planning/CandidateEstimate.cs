using System.Globalization;
using NodaTime;
using Scheduler.Core.Domain;

namespace Scheduler.Solver.Planning;

/// <summary>
/// How many candidate releases (title, mode, region, date) a scenario implies, counted before
/// anything is built, and the limit above which planning refuses it instead of running out of memory.
/// </summary>
public static class CandidateEstimate
{
    /// <summary>
    /// The most candidates a scenario may imply (bench/README.md, "Size limit"). Above
    /// <see cref="ReleasePlanner.SearchThenWholeModelCandidates"/> the whole model is never built and
    /// memory grows with the candidates; the costliest slate measured, XL at high contention (1000
    /// titles x 30 regions x 2 years), has 144,816 candidates and peaks at 567 MB, 4.0 KB per
    /// candidate, process included (XL at low contention: 326,067 and 304 MB). 600,000 is about 4
    /// times XL: 600,000 x 567 MB / 144,816 = 2,349 MB, which leaves 1.7 GB of 4 GB for slates that
    /// need more per candidate. Below 120,000 the whole model (XL's: 2.65 GB for 144,816) stays
    /// under 120,000 / 144,816 x 2.65 GB = 2.2 GB.
    /// </summary>
    public const int Limit = 600_000;

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
    /// <param name="limit">The limit; <see cref="Limit"/> but in tests.</param>
    public static string? Refusal(Scenario scenario, string name, long limit = Limit)
    {
        var count = Count(scenario);
        return count > limit ? Message(name, count, limit) : null;
    }

    /// <summary>How a scenario is named in the refusal: <c>'name'</c>, or <c>'name' (variant 'v')</c>.</summary>
    public static string NameOf(string scenarioName, string? variant)
        => variant is null ? $"'{scenarioName}'" : $"'{scenarioName}' (variant '{variant}')";

    /// <summary>The refusal of a scenario implying <paramref name="count"/> candidates.</summary>
    public static string Message(string name, long count, long limit)
        => string.Create(CultureInfo.InvariantCulture, $"Scenario {name} implies {count:N0} candidate releases (titles x regions x allowed dates); the limit is {limit:N0}, which keeps a solve under 4 GB. ")
           + "Shorten the horizon, narrow the titles' windows, or split the slate (by region or by quarter).";
}
