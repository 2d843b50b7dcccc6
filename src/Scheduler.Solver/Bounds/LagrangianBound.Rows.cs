using Scheduler.Solver.Model;

namespace Scheduler.Solver.Bounds;

// The relaxed rows: which can bind, their subgradient and the step that moves their prices.
internal sealed partial class LagrangianBound
{
    private double SquaredSubgradient()
    {
        var sum = 0.0;
        ForEachRow((binds, _, slack) => sum += binds ? slack * slack : 0);
        return sum;
    }

    private void Step(double length)
    {
        ForEachRow((binds, prices, slack) =>
        {
            if (binds)
            {
                prices.Price = Math.Clamp(prices.Price - (length * slack), 0, prices.Ceiling);
            }
        });
    }

    /// <summary>Visits every relaxed row with whether it can bind, a handle on its price, and its slack (capacity less use).</summary>
    private void ForEachRow(Action<bool, PriceHandle, double> visit)
    {
        for (var r = 0; r < _capacityPrice.Length; r++)
        {
            var windowUse = 0;
            for (var d = 0; d < _days; d++)
            {
                visit(_capacityBinds[r][d], new PriceHandle(_capacityPrice[r], d), _perDay - _releases[r][d]);
                visit(_tentpolesBind[r][d], new PriceHandle(_tentpolePrice[r], d), _tentpolesPerDay - _tentpoles[r][d]);
            }

            for (var s = _days - 1; s >= 0 && _spacing > 0; s--)
            {
                // Tentpoles in [s, s + spacing).
                windowUse += _tentpoles[r][s];
                if (s + _spacing < _days)
                {
                    windowUse -= _tentpoles[r][s + _spacing];
                }

                visit(_spacingBinds[r][s], new PriceHandle(_spacingPrice[r], s), 1 - windowUse);
            }
        }

        for (var w = 0; w < _budgetPrice.Length && _budget is { } budget; w++)
        {
            visit(_budgetBinds[w], new PriceHandle(_budgetPrice, w), budget - _spend[w]);
        }

        // A clash row's capacity is one release; its price is at most the clash cost in the region.
        for (var r = 0; r < _clashPrice.Length; r++)
        {
            for (var i = 0; i < _clashPrice[r].Length; i++)
            {
                visit(_clashBinds[r][i], new PriceHandle(_clashPrice[r], i, _clashCeiling[r]), 1 - _clashUse[r][i]);
            }
        }
    }

    /// <summary>Which rows some choice of options could break; the others keep a price of zero.</summary>
    private (bool[][], bool[][], bool[][], bool[], bool[][]) RowsThatCanBind()
    {
        var regions = _capacityPrice.Length;
        var releaseTitles = Grid<int>(regions);
        var tentpoleTitles = Grid<int>(regions);
        var spend = new double[_budgetPrice.Length];
        var options = new List<(TitleCandidates, HashSet<(int, int)>)>();
        foreach (var title in _candidates.Titles.Where(t => t.CanBeScheduled))
        {
            var seen = new HashSet<(int, int)>();
            var weeks = new HashSet<int>();
            foreach (var day in title.GlobalDays)
            {
                weeks.Add(_candidates.Calendar.Week(day));
                foreach (var region in title.Title.Regions)
                {
                    seen.Add((_regionIndex[region], day));
                }
            }

            foreach (var (region, days) in title.CanBeStaggered ? title.StaggeredDays : [])
            {
                foreach (var day in days)
                {
                    seen.Add((_regionIndex[region], day));
                    if (region == title.Title.LeadRegion)
                    {
                        weeks.Add(_candidates.Calendar.Week(day));
                    }
                }
            }

            if (_genreSetOf[title.Index] >= 0)
            {
                options.Add((title, seen));
            }

            foreach (var (r, d) in seen)
            {
                releaseTitles[r][d]++;
                tentpoleTitles[r][d] += title.Title.Tentpole ? 1 : 0;
            }

            foreach (var w in weeks)
            {
                spend[w] += title.Title.MarketingCost;
            }
        }

        var spacing = Grid<bool>(regions);
        for (var r = 0; r < regions; r++)
        {
            var inWindow = 0;
            for (var s = _days - 1; s >= 0 && _spacing > 0; s--)
            {
                inWindow += tentpoleTitles[r][s];
                if (s + _spacing < _days)
                {
                    inWindow -= tentpoleTitles[r][s + _spacing];
                }

                spacing[r][s] = inWindow >= 2;
            }
        }

        return (
            [.. releaseTitles.Select(row => row.Select(n => n > _perDay).ToArray())],
            [.. tentpoleTitles.Select(row => row.Select(n => n > _tentpolesPerDay).ToArray())],
            spacing,
            [.. spend.Select(s => _budget is { } b && s > b + 1e-9)],
            ClashRowsThatCanBind(options));
    }

    private T[][] Grid<T>(int regions) => [.. Enumerable.Range(0, regions).Select(_ => new T[_days])];

    /// <summary>One price in one of the price arrays, and the most it may be.</summary>
    private readonly struct PriceHandle(double[] prices, int index, double ceiling = double.PositiveInfinity)
    {
        public double Ceiling => ceiling;

        public double Price
        {
            get => prices[index];
            set => prices[index] = value;
        }
    }
}
