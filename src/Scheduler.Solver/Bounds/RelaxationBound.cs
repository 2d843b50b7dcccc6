using Scheduler.Solver.Model;

namespace Scheduler.Solver.Bounds;

/// <summary>
/// A proven upper bound on the objective that needs no solver: every title on its own best
/// candidate, as if no other title existed. Dropping the rules that couple titles (capacity,
/// tentpoles, spacing, sequels, budget) and the clash cost (never negative) can only raise the
/// optimum, so the sum bounds every plan. When a plan is already within the requested gap of it,
/// the plan is proven good enough without building the MIP. A title with formats counts once, on
/// the best candidate of any of its formats.
/// </summary>
internal static class RelaxationBound
{
    public static double Compute(CandidateSet candidates)
    {
        var total = 0.0;
        foreach (var title in candidates.Titles.Where(t => t.Index == candidates.FormatsOf(t)[0].Index))
        {
            var best = candidates.FormatsOf(title).Max(f => Math.Max(BestGlobal(f), BestStaggered(f)));
            total += candidates.MustRelease(title) ? best : Math.Max(0, best);
        }

        return total;
    }

    private static double BestGlobal(TitleCandidates title)
        => title.GlobalValues.Length == 0 ? double.NegativeInfinity : title.GlobalValues.Max();

    /// <summary>The best lead date with, in every other region, the best date within the stagger window after it.</summary>
    private static double BestStaggered(TitleCandidates title)
    {
        if (!title.CanBeStaggered)
        {
            return double.NegativeInfinity;
        }

        var lead = title.Title.LeadRegion;
        var span = title.Title.StaggerMaxDays;
        var leadDays = title.StaggeredDays[lead];
        var best = double.NegativeInfinity;
        for (var i = 0; i < leadDays.Length; i++)
        {
            var total = title.StaggeredValues[lead][i];
            foreach (var (region, days) in title.StaggeredDays)
            {
                if (region == lead)
                {
                    continue;
                }

                var values = title.StaggeredValues[region];
                var regionBest = double.NegativeInfinity;
                for (var j = 0; j < days.Length; j++)
                {
                    if (days[j] >= leadDays[i] && days[j] <= leadDays[i] + span)
                    {
                        regionBest = Math.Max(regionBest, values[j]);
                    }
                }

                total += regionBest;
            }

            best = Math.Max(best, total);
        }

        return best;
    }
}
