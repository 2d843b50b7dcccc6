using Scheduler.Solver.Construction;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Neighbourhoods;

/// <summary>The kinds of neighbourhood the search frees, each a set of titles that compete with each other.</summary>
internal enum NeighbourhoodKind
{
    /// <summary>Titles launching within a stretch of weeks, across all regions.</summary>
    Weeks,

    /// <summary>Titles of one genre launching within a stretch of weeks (they share clash costs).</summary>
    Genre,

    /// <summary>Titles released in one region around one week (they share its days).</summary>
    RegionWeek,

    /// <summary>A chain of sequels and the titles launching around them.</summary>
    Sequels,

    /// <summary>Titles picked at random.</summary>
    Random,

    /// <summary>
    /// Titles launching around one whose placement falls furthest short of its best option at the
    /// Lagrangian bound's prices (one of the largest gains, at random): where the bound says value is left.
    /// </summary>
    Priced,
}

/// <summary>Picks the titles of a neighbourhood of a given kind and size from a slate.</summary>
internal sealed class NeighbourhoodSelector
{
    private readonly CandidateSet _candidates;
    private readonly TitleCandidates[] _schedulable;
    private readonly string[] _genres;
    private readonly List<TitleCandidates>[] _chains;
    private readonly Func<SlateState, TitleCandidates, double>? _gain;

    /// <param name="candidates">Every title's candidates.</param>
    /// <param name="gain">What a title's best priced option is worth beyond its placement (<see cref="Bounds.LagrangianBound.Gains"/>), for <see cref="NeighbourhoodKind.Priced"/>.</param>
    public NeighbourhoodSelector(CandidateSet candidates, Func<SlateState, TitleCandidates, double>? gain = null)
    {
        _candidates = candidates;
        _gain = gain;
        _schedulable = [.. candidates.Titles.Where(t => t.CanBeScheduled)];
        _genres = [.. _schedulable.SelectMany(t => t.Title.Genres).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _chains = Chains();
    }

    public bool HasSequels => _chains.Length > 0;

    public bool HasGains => _gain is not null;

    public List<TitleCandidates> Select(NeighbourhoodKind kind, int size, SlateState slate, Random random)
    {
        size = Math.Clamp(size, 1, _schedulable.Length);
        return kind switch
        {
            NeighbourhoodKind.Weeks => Around(slate, random, size, _schedulable, t => Launch(slate, t)),
            NeighbourhoodKind.Genre => Genre(slate, random, size),
            NeighbourhoodKind.RegionWeek => RegionWeek(slate, random, size),
            NeighbourhoodKind.Sequels => Sequels(slate, random, size),
            NeighbourhoodKind.Priced when _gain is not null => Priced(slate, random, size),
            _ => [.. _schedulable.OrderBy(_ => random.Next()).Take(size)],
        };
    }

    private List<TitleCandidates> Genre(SlateState slate, Random random, int size)
    {
        var genre = _genres[random.Next(_genres.Length)];
        return Around(slate, random, size, [.. _schedulable.Where(t => t.Title.Genres.Contains(genre))], t => Launch(slate, t));
    }

    private List<TitleCandidates> RegionWeek(SlateState slate, Random random, int size)
    {
        var region = _candidates.Scenario.Regions[random.Next(_candidates.Scenario.Regions.Length)].Id;
        return Around(slate, random, size, [.. _schedulable.Where(t => t.Title.IsReleasedIn(region))], t => slate[t.Index]?.Days.GetValueOrDefault(region, -1) ?? Middle(t));
    }

    // One of the twentieth of the titles with the largest gains, and the titles launching nearest it.
    private List<TitleCandidates> Priced(SlateState slate, Random random, int size)
    {
        var largest = _schedulable.OrderByDescending(t => _gain!(slate, t)).Take(Math.Max(1, _schedulable.Length / 20)).ToArray();
        var anchor = largest[random.Next(largest.Length)];
        var near = Around(slate, random, size, _schedulable, t => Launch(slate, t), Launch(slate, anchor));
        return [anchor, .. near.Where(t => t != anchor).Take(size - 1)];
    }

    private List<TitleCandidates> Sequels(SlateState slate, Random random, int size)
    {
        var chain = _chains[random.Next(_chains.Length)];
        var free = chain.Take(size).ToList();
        var anchor = chain[random.Next(chain.Count)];
        var near = Around(slate, random, size, _schedulable, t => Launch(slate, t), Launch(slate, anchor));
        free.AddRange(near.Where(t => !free.Contains(t)).Take(Math.Max(0, size - free.Count)));
        return free;
    }

    /// <summary>
    /// The <paramref name="size"/> titles of <paramref name="pool"/> whose days (by <paramref name="day"/>)
    /// lie nearest a random title's day (or <paramref name="centre"/>): a stretch of weeks.
    /// </summary>
    private static List<TitleCandidates> Around(SlateState slate, Random random, int size, TitleCandidates[] pool, Func<TitleCandidates, int> day, int? centre = null)
    {
        if (pool.Length == 0)
        {
            return [];
        }

        var middle = centre ?? day(pool[random.Next(pool.Length)]);
        return [.. pool.OrderBy(t => Math.Abs(day(t) - middle)).ThenBy(_ => random.Next()).Take(size)];
    }

    /// <summary>The title's launch day on the slate, or the middle of its dates when it is not placed.</summary>
    private static int Launch(SlateState slate, TitleCandidates title) => slate[title.Index]?.LaunchDay ?? Middle(title);

    private static int Middle(TitleCandidates title)
    {
        var (first, last) = title.Span();
        return (first + last) / 2;
    }

    /// <summary>The groups of titles linked by sequel gaps, each in scenario order.</summary>
    private List<TitleCandidates>[] Chains()
    {
        var parent = _schedulable.ToDictionary(t => t.Title.Id, t => t.Title.Id, StringComparer.Ordinal);
        string Find(string id) => parent[id] == id ? id : parent[id] = Find(parent[id]);
        foreach (var title in _schedulable)
        {
            foreach (var gap in title.Title.After.Where(a => parent.ContainsKey(a.TitleId)))
            {
                parent[Find(title.Title.Id)] = Find(gap.TitleId);
            }
        }

        return [.. _schedulable.GroupBy(t => Find(t.Title.Id)).Where(g => g.Count() > 1).Select(g => g.ToList())];
    }
}
