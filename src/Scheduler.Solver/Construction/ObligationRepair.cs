using Scheduler.Solver.Model;

namespace Scheduler.Solver.Construction;

/// <summary>
/// Rule 13 in construction. Obligations are lower bounds, the one kind of rule a slate built title
/// by title does not keep by itself: after the titles are placed, each period that falls short gets
/// matching titles moved into it (<see cref="ByMoves"/>, what a planner would do by hand), and what
/// moves cannot mend, a re-solve of the titles around the period does
/// (<see cref="Neighbourhoods.ObligationNeighbourhoods"/>, a search above construction).
/// </summary>
internal static class ObligationRepair
{
    /// <summary>
    /// Moves matching titles (or places optional ones left out) into each period that falls short,
    /// the cheapest move first, never opening a shortfall elsewhere. Returns what is still short.
    /// </summary>
    public static List<ObligationShortfall> ByMoves(CandidateSet candidates, SlateState state)
    {
        foreach (var shortfall in state.Shortfalls().ToList())
        {
            while (Missing(state, shortfall) > 0 && CheapestMove(candidates, state, shortfall) is { } move)
            {
                if (state[move.Title.Index] is not null)
                {
                    state.Remove(move.Title);
                }

                state.Place(move.Title, move.Placement);
            }
        }

        return [.. state.Shortfalls()];
    }

    /// <summary>Rule 13 on a plan as written: the premieres its obligations miss, summed over regions and periods.</summary>
    public static int Shortfall(Core.Domain.Scenario scenario, Core.Plans.Plan plan)
    {
        var missing = 0;
        foreach (var obligation in scenario.Obligations.Where(o => o.Min > 0))
        {
            var premieres = plan.Releases
                .Where(r => scenario.TitlesById.TryGetValue(r.Title, out var t) && obligation.HoldsIn(r.Region) && obligation.Selects(t))
                .ToLookup(r => r.Region, r => r.Date, StringComparer.Ordinal);
            foreach (var region in scenario.Regions.Where(r => obligation.HoldsIn(r.Id)))
            {
                foreach (var period in obligation.PeriodsWithin(scenario.Horizon))
                {
                    missing += Math.Max(0, obligation.Min - premieres[region.Id].Count(period.Contains));
                }
            }
        }

        return missing;
    }

    internal static int Missing(SlateState state, ObligationShortfall shortfall)
        => shortfall.Obligation.Min - state.Premieres(shortfall.Region, shortfall.First, shortfall.Last, shortfall.Obligation.Selects);

    private static (TitleCandidates Title, Placement Placement)? CheapestMove(CandidateSet candidates, SlateState state, ObligationShortfall shortfall)
    {
        (TitleCandidates Title, Placement Placement, double Loss)? best = null;
        foreach (var title in candidates.Titles.Where(t => t.CanBeScheduled && t.Title.IsReleasedIn(shortfall.Region) && shortfall.Obligation.Selects(t.Title)
            && t.DaysIn(shortfall.Region).Any(d => d >= shortfall.First && d <= shortfall.Last)))
        {
            var current = state[title.Index];
            if (current is not null && current.Days[shortfall.Region] >= shortfall.First && current.Days[shortfall.Region] <= shortfall.Last)
            {
                continue; // counts already
            }

            if (current is not null)
            {
                state.Remove(title);
            }

            var inside = title.Filtered(d => d >= shortfall.First && d <= shortfall.Last, (r, d) => r != shortfall.Region || (d >= shortfall.First && d <= shortfall.Last));
            if (new PlacementOptions(candidates, state).Best(inside) is { } option)
            {
                var before = state.ShortfallAround(title.Title, current, option.Placement, placed: current);
                state.Place(title, option.Placement);
                var loss = (current?.Value ?? 0) - option.Placement.Value;
                if (state.ShortfallAround(title.Title, current, option.Placement, placed: option.Placement) < before && (best is null || loss < best.Value.Loss))
                {
                    best = (title, option.Placement, loss);
                }

                state.Remove(title);
            }

            if (current is not null)
            {
                state.Place(title, current);
            }
        }

        return best is { } found ? (found.Title, found.Placement) : null;
    }
}
