using Scheduler.Solver.Model;

namespace Scheduler.Solver.Bounds;

// The genre-clash cost, priced. For a region r, a genre g and a week w with n releases of titles of
// g, the cost genreClashCost * share(r) * max(0, n - 1) is at least price * (n - 1) for any price
// from 0 to genreClashCost * share(r) (at n = 0 the right side is -price). So each (r, g, w) gets
// such a price, every release of a title of g in r in w pays it, and the bound adds the prices
// back: the result bounds every plan for any prices in that range, and the subgradient steps tune
// them like the capacity prices, kept within the range (ForEachRow visits them as rows). Without it the bound lets every title take
// its best week as if no other title shared its genre, which on a wide slate is most of the gap.
internal sealed partial class LagrangianBound
{
    /// <summary>
    /// The distinct sets of genres the titles carry, as genre indices, and each title's set by title
    /// position (-1 when clashes cost nothing): titles of one set pay the same clash prices.
    /// </summary>
    private static (int[][] Sets, int[] SetOf, int Genres) GenreSets(CandidateSet candidates)
    {
        var scenario = candidates.Scenario;
        var genres = new Dictionary<string, int>(StringComparer.Ordinal);
        var sets = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<int[]>();
        var setOf = Enumerable.Repeat(-1, scenario.Titles.Length).ToArray();
        foreach (var title in candidates.Titles.Where(_ => scenario.Objective.GenreClashCost > 0))
        {
            int[] indices = [.. title.Title.Genres.Distinct(StringComparer.Ordinal).Select(g => genres.TryGetValue(g, out var i) ? i : genres[g] = genres.Count).Order()];
            var key = string.Join(',', indices);
            if (!sets.TryGetValue(key, out var set))
            {
                sets[key] = set = members.Count;
                members.Add(indices);
            }

            setOf[title.Index] = set;
        }

        return ([.. members], setOf, genres.Count);
    }

    /// <summary>Each genre set's price in each region and week at the current prices: what <see cref="ClashPrice"/> looks up.</summary>
    private void PriceGenreSets()
    {
        for (var set = 0; set < _genreSets.Length; set++)
        {
            var table = _clashTable[set];
            for (var r = 0; r < _clashPrice.Length; r++)
            {
                for (var week = 0; week < _weeks; week++)
                {
                    var sum = 0.0;
                    foreach (var genre in _genreSets[set])
                    {
                        sum += _clashPrice[r][(genre * _weeks) + week];
                    }

                    table[(r * _weeks) + week] = sum;
                }
            }
        }
    }

    /// <summary>The most a (region, genre, week) price may be in each region: the clash cost there.</summary>
    private static double[] ClashCeilings(CandidateSet candidates)
        => [.. candidates.Scenario.Regions.Select(r => candidates.Scenario.Objective.GenreClashCost * candidates.Scenario.Share(r.Id))];

    /// <summary>What a release of the title at <paramref name="titleIndex"/> pays in <paramref name="region"/> on <paramref name="day"/> for its genres.</summary>
    private double ClashPrice(int titleIndex, int region, int day)
        => _genreSetOf[titleIndex] is var set and >= 0 ? _clashTable[set][(region * _weeks) + _candidates.Calendar.Week(day)] : 0;

    private void UseClash(int titleIndex, int region, int day)
    {
        if (_genreSetOf[titleIndex] < 0)
        {
            return;
        }

        var week = _candidates.Calendar.Week(day);
        foreach (var genre in _genreSets[_genreSetOf[titleIndex]])
        {
            _clashUse[region][(genre * _weeks) + week]++;
        }
    }

    /// <summary>The prices added back: the "- price * (n - 1)" of every row, at n = 0.</summary>
    private double ClashConstant() => _clashPrice.Sum(row => row.Sum());

    /// <summary>The rows where at least two titles of the genre could release in the region in the week: only there can n - 1 be positive.</summary>
    private bool[][] ClashRowsThatCanBind(IEnumerable<(TitleCandidates Title, HashSet<(int Region, int Day)> Days)> options)
    {
        var titles = new int[_clashPrice.Length][];
        for (var r = 0; r < titles.Length; r++)
        {
            titles[r] = new int[_clashPrice[r].Length];
        }

        foreach (var (title, days) in options)
        {
            foreach (var (r, week) in days.Select(d => (d.Region, _candidates.Calendar.Week(d.Day))).Distinct())
            {
                foreach (var genre in _genreSets[_genreSetOf[title.Index]])
                {
                    titles[r][(genre * _weeks) + week]++;
                }
            }
        }

        return [.. titles.Select(row => row.Select(n => n >= 2).ToArray())];
    }
}
