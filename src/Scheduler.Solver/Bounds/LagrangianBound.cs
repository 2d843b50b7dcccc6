using Scheduler.Solver.Model;

namespace Scheduler.Solver.Bounds;

/// <summary>
/// A proven upper bound that sees contention: the rules that couple titles (daily capacity,
/// tentpoles per day, tentpole spacing windows, the weekly marketing budget) are moved into the
/// objective with a price per unit of use, each title then takes its own best option at those
/// prices (with its stagger window kept exactly), and the prices are tuned by subgradient steps.
/// For any non-negative prices the result bounds every plan from above (Lagrangian duality); the
/// best of them is kept. The genre-clash cost is priced too (LagrangianBound.Clash.cs). Sequel gaps
/// are dropped and the move cost left out, which can only raise the bound, so it stays valid.
/// </summary>
internal sealed partial class LagrangianBound
{
    // The step starts at twice the Polyak length and is halved after 20 steps without a better
    // bound: on contended-large 7597.33 after 400 steps, against 7607.77 when it starts at once the
    // length and halves after 8; on XL-wide 41705.93 against 41743.33 (bench/README.md).
    private const double FirstStep = 2.0;
    private const int StepsBeforeHalving = 20;

    private readonly CandidateSet _candidates;
    private readonly int _days;
    private readonly int _spacing;
    private readonly int _perDay;
    private readonly int _tentpolesPerDay;
    private readonly double? _budget;
    private readonly Dictionary<string, int> _regionIndex;
    private readonly double[][] _capacityPrice;
    private readonly double[][] _tentpolePrice;
    private readonly double[][] _spacingPrice;
    private readonly double[] _budgetPrice;
    private readonly bool[][] _capacityBinds;
    private readonly bool[][] _tentpolesBind;
    private readonly bool[][] _spacingBinds;
    private readonly bool[] _budgetBinds;
    private readonly int _weeks;
    private readonly int[][] _genreSets;
    private readonly int[] _genreSetOf;
    private readonly double[][] _clashTable;
    private readonly double[] _clashCeiling;
    private readonly double[][] _clashPrice;
    private readonly bool[][] _clashBinds;

    // Use of each resource by the options chosen in the last evaluation, for the subgradient.
    private readonly int[][] _releases;
    private readonly int[][] _tentpoles;
    private readonly double[] _spend;
    private readonly int[][] _clashUse;

    public LagrangianBound(CandidateSet candidates)
    {
        _candidates = candidates;
        var scenario = candidates.Scenario;
        _days = candidates.Calendar.Days;
        _spacing = scenario.Capacity.TentpoleSpacingDays;
        _perDay = scenario.Capacity.PerDay;
        _tentpolesPerDay = scenario.Capacity.TentpolesPerDay;
        _budget = scenario.Capacity.MarketingBudgetPerWeek;
        _regionIndex = scenario.Regions.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var regions = scenario.Regions.Length;
        _capacityPrice = Grid<double>(regions);
        _tentpolePrice = Grid<double>(regions);
        _spacingPrice = Grid<double>(regions);
        _releases = Grid<int>(regions);
        _tentpoles = Grid<int>(regions);
        _budgetPrice = new double[candidates.Calendar.Weeks.Count];
        _spend = new double[candidates.Calendar.Weeks.Count];
        _weeks = candidates.Calendar.Weeks.Count;
        (_genreSets, _genreSetOf, var genres) = GenreSets(candidates);
        _clashTable = [.. _genreSets.Select(_ => new double[regions * _weeks])];
        _clashCeiling = ClashCeilings(candidates);
        _clashPrice = [.. Enumerable.Range(0, regions).Select(_ => new double[genres * _weeks])];
        _clashUse = [.. Enumerable.Range(0, regions).Select(_ => new int[genres * _weeks])];
        (_capacityBinds, _tentpolesBind, _spacingBinds, _budgetBinds, _clashBinds) = RowsThatCanBind();
    }

    /// <summary>Runs subgradient steps until <paramref name="deadline"/> or <paramref name="iterations"/>, and returns the best bound found.</summary>
    /// <param name="incumbent">The objective of a known plan, which steers the step length (or null).</param>
    /// <param name="iterations">At most this many steps.</param>
    /// <param name="deadline">Stops when this says so.</param>
    /// <param name="cancellationToken">Stops at once.</param>
    public double Compute(double? incumbent, int iterations, Func<bool> deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var best = Evaluate();
        var step = FirstStep;
        var sinceBetter = 0;
        for (var iteration = 0; iteration < iterations && !deadline(); iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bound = Evaluate();
            if (bound < best - 1e-9)
            {
                best = bound;
                sinceBetter = 0;
            }
            else if (++sinceBetter >= StepsBeforeHalving)
            {
                step /= 2;
                sinceBetter = 0;
                if (step < 1e-4)
                {
                    break;
                }
            }

            var target = incumbent ?? best * 0.99;
            var norm = SquaredSubgradient();
            if (norm == 0)
            {
                break; // the relaxed choices keep every relaxed rule: the bound is as good as this relaxation gets
            }

            Step(step * Math.Max(bound - target, 1e-9 * Math.Max(1, Math.Abs(bound))) / norm);
        }

        return best;
    }

    /// <summary>The Lagrangian function at the current prices: every title's best priced option plus the prices times the capacities.</summary>
    private double Evaluate()
    {
        foreach (var row in _releases.Concat(_tentpoles).Concat(_clashUse))
        {
            Array.Clear(row);
        }

        Array.Clear(_spend);
        var tentpolePenalty = TentpolePenalties();
        PriceGenreSets();
        var total = ClashConstant();
        foreach (var title in _candidates.Titles.Where(t => t.CanBeScheduled))
        {
            total += BestOption(title, tentpolePenalty);
        }

        for (var r = 0; r < _capacityPrice.Length; r++)
        {
            for (var d = 0; d < _days; d++)
            {
                total += (_capacityPrice[r][d] * _perDay) + (_tentpolePrice[r][d] * _tentpolesPerDay) + _spacingPrice[r][d];
            }
        }

        if (_budget is { } budget)
        {
            total += _budgetPrice.Sum() * budget;
        }

        return total;
    }

    /// <summary>What a tentpole release pays on each region's day: its capacity, tentpole and spacing-window prices.</summary>
    private double[][] TentpolePenalties()
    {
        var penalties = Grid<double>(_capacityPrice.Length);
        for (var r = 0; r < penalties.Length; r++)
        {
            var window = 0.0;
            for (var d = 0; d < _days; d++)
            {
                // Windows [s, s + spacing) that hold d start at s in (d - spacing, d].
                window += _spacingPrice[r][d];
                if (_spacing > 0 && d - _spacing >= 0)
                {
                    window -= _spacingPrice[r][d - _spacing];
                }

                penalties[r][d] = _capacityPrice[r][d] + _tentpolePrice[r][d] + window;
            }
        }

        return penalties;
    }

    private double BestOption(TitleCandidates title, double[][] tentpolePenalty)
    {
        var tentpole = title.Title.Tentpole;
        var penalty = tentpole ? tentpolePenalty : _capacityPrice;
        var cost = title.Title.MarketingCost;
        var regions = title.Title.Regions.Select(r => _regionIndex[r]).ToArray();
        var week = _candidates.Calendar;

        var bestValue = double.NegativeInfinity;
        var bestGlobal = -1;
        for (var i = 0; i < title.GlobalDays.Length; i++)
        {
            var day = title.GlobalDays[i];
            var value = title.GlobalValues[i] - (cost * _budgetPrice[week.Week(day)]);
            foreach (var r in regions)
            {
                value -= penalty[r][day] + ClashPrice(title.Index, r, day);
            }

            if (value > bestValue)
            {
                (bestValue, bestGlobal) = (value, i);
            }
        }

        var staggered = title.CanBeStaggered ? BestStaggered(title, penalty) : (Value: double.NegativeInfinity, Days: null);
        if (bestGlobal < 0 && staggered.Days is null)
        {
            return title.Title.Optional ? 0 : double.PositiveInfinity; // no option at all: nothing to bound
        }

        if (title.Title.Optional && Math.Max(bestValue, staggered.Value) <= 0)
        {
            return 0;
        }

        if (staggered.Value > bestValue)
        {
            foreach (var (region, day) in staggered.Days!)
            {
                Use(title, region, day, launch: region == _regionIndex[title.Title.LeadRegion]);
            }

            return staggered.Value;
        }

        var global = title.GlobalDays[bestGlobal];
        foreach (var r in regions)
        {
            Use(title, r, global, launch: r == regions[0]);
        }

        return bestValue;
    }

    /// <summary>The best lead day with, in every other region, the best priced day within the stagger window after it.</summary>
    private (double Value, List<(int Region, int Day)>? Days) BestStaggered(TitleCandidates title, double[][] penalty)
    {
        var lead = title.Title.LeadRegion;
        var leadDays = title.StaggeredDays[lead];
        var leadIndex = _regionIndex[lead];
        var span = title.Title.StaggerMaxDays;
        var cost = title.Title.MarketingCost;
        var totals = new double[leadDays.Length];
        double Price(int region, int day) => penalty[region][day] + ClashPrice(title.Index, region, day);
        for (var i = 0; i < leadDays.Length; i++)
        {
            totals[i] = title.StaggeredValues[lead][i] - Price(leadIndex, leadDays[i]) - (cost * _budgetPrice[_candidates.Calendar.Week(leadDays[i])]);
        }

        var choices = new Dictionary<int, int[]>();
        foreach (var (region, days) in title.StaggeredDays.Where(kv => kv.Key != lead))
        {
            var r = _regionIndex[region];
            var values = title.StaggeredValues[region];
            var chosen = new int[leadDays.Length];
            choices[r] = chosen;

            // Sliding window maximum over [lead day, lead day + span], both lists ascending.
            var window = new LinkedList<int>();
            var next = 0;
            for (var i = 0; i < leadDays.Length; i++)
            {
                while (next < days.Length && days[next] <= leadDays[i] + span)
                {
                    var score = values[next] - Price(r, days[next]);
                    while (window.Count > 0 && values[window.Last!.Value] - Price(r, days[window.Last.Value]) <= score)
                    {
                        window.RemoveLast();
                    }

                    window.AddLast(next++);
                }

                while (window.Count > 0 && days[window.First!.Value] < leadDays[i])
                {
                    window.RemoveFirst();
                }

                if (window.Count == 0)
                {
                    totals[i] = double.NegativeInfinity;
                    chosen[i] = -1;
                }
                else
                {
                    chosen[i] = window.First!.Value;
                    totals[i] += values[chosen[i]] - Price(r, days[chosen[i]]);
                }
            }
        }

        var best = -1;
        for (var i = 0; i < totals.Length; i++)
        {
            if (double.IsFinite(totals[i]) && (best < 0 || totals[i] > totals[best]))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return (double.NegativeInfinity, null);
        }

        var picked = new List<(int, int)> { (leadIndex, leadDays[best]) };
        foreach (var (region, days) in title.StaggeredDays.Where(kv => kv.Key != lead))
        {
            picked.Add((_regionIndex[region], days[choices[_regionIndex[region]][best]]));
        }

        return (totals[best], picked);
    }

    private void Use(TitleCandidates title, int region, int day, bool launch)
    {
        _releases[region][day]++;
        UseClash(title.Index, region, day);
        if (title.Title.Tentpole)
        {
            _tentpoles[region][day]++;
        }

        if (launch)
        {
            _spend[_candidates.Calendar.Week(day)] += title.Title.MarketingCost;
        }
    }
}
