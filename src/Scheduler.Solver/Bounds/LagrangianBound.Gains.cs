using Scheduler.Solver.Construction;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Bounds;

// Where the bound says value is left. At the last prices each title's best priced option is what
// the relaxation gives it, and its placement on a plan, priced alike, is what the plan gives it.
// The difference (a reduced-cost gain) is largest where the plan falls furthest short of the
// relaxation, which is where the search looks first (NeighbourhoodKind.Priced).
internal sealed partial class LagrangianBound
{
    /// <summary>
    /// Fixes the last prices and returns, for a slate and a title, what the title's best priced
    /// option is worth beyond its placement there (its whole best when it is not placed). The
    /// function only reads: several search workers may call it at once, once no step is taken.
    /// </summary>
    public Func<SlateState, TitleCandidates, double> Gains()
    {
        var tentpolePenalty = TentpolePenalties();
        PriceGenreSets();
        var best = new double[_candidates.Scenario.Titles.Length];
        foreach (var title in _candidates.Titles.Where(t => t.CanBeScheduled))
        {
            best[title.Index] = BestOption(title, tentpolePenalty);
        }

        return (slate, title) => slate[title.Index] is { } placement
            ? best[title.Index] - PricedValue(title, placement, tentpolePenalty)
            : best[title.Index];
    }

    /// <summary>A placement's value less the prices its releases and its launch pay, as <see cref="BestOption"/> charges them.</summary>
    private double PricedValue(TitleCandidates title, Placement placement, double[][] tentpolePenalty)
    {
        var penalty = title.Title.Tentpole ? tentpolePenalty : _capacityPrice;
        var value = placement.Value - (title.Title.MarketingCost * _budgetPrice[_candidates.Calendar.Week(placement.LaunchDay)]);
        foreach (var (region, day) in placement.Days)
        {
            var r = _regionIndex[region];
            value -= penalty[r][day] + ClashPrice(title.Index, r, day);
        }

        return value;
    }
}
