using Scheduler.Solver.Construction;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Neighbourhoods;

/// <summary>
/// Rule 13 where moving titles one at a time (<see cref="ObligationRepair.ByMoves"/>) cannot meet
/// an obligation: the titles around the short period are solved again together.
/// </summary>
internal static class ObligationNeighbourhoods
{
    /// <summary>
    /// For each period still short, re-solves exactly the matching titles that could release in it
    /// together with every title placed in its region around it, widening the stretch until the
    /// obligation is met; false when the neighbourhood would be the whole slate or time is up.
    /// </summary>
    public static bool Repair(CandidateSet candidates, ref SlateState slate, NeighbourhoodSolver solver, Func<TimeSpan> remaining, TimeSpan step, int workers, CancellationToken cancellationToken)
    {
        var schedulable = candidates.Titles.Count(t => t.CanBeScheduled);
        while (slate.Shortfalls().FirstOrDefault() is { } shortfall)
        {
            var pad = 14;
            while (ObligationRepair.Missing(slate, shortfall) > 0)
            {
                var free = Around(candidates, slate, shortfall, pad);
                var left = remaining();
                if (free.Count >= schedulable || left <= TimeSpan.Zero)
                {
                    return false;
                }

                var result = solver.Solve(slate, free, left < step ? left : step, workers, cancellationToken, repairing: shortfall);
                if (result.State is { } repaired && repaired.ObligationShortfall() < slate.ObligationShortfall())
                {
                    slate = repaired;
                }
                else
                {
                    pad = (pad * 2) + 14;
                }
            }
        }

        return true;
    }

    // The matching titles that could premiere in the period there, and every title placed in the region from pad days before it to pad days after it.
    private static List<TitleCandidates> Around(CandidateSet candidates, SlateState slate, ObligationShortfall shortfall, int pad)
        => [.. candidates.Titles.Where(t => t.CanBeScheduled && t.Title.IsReleasedIn(shortfall.Region)
            && ((shortfall.Obligation.Selects(t.Title) && t.DaysIn(shortfall.Region).Any(d => d >= shortfall.First && d <= shortfall.Last))
                || (slate[t.Index] is { } placed && placed.Days.TryGetValue(shortfall.Region, out var day) && day >= shortfall.First - pad && day <= shortfall.Last + pad)))];
}
