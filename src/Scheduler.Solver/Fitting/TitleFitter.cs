using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Construction;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Fitting;

/// <summary>
/// A release an option moves out of its way: from its date to another (<see cref="To"/>), or out of
/// the plan (null; only optional titles leave it).
/// </summary>
public sealed record DisplacedRelease(string Title, string Region, LocalDate From, LocalDate? To);

/// <summary>
/// One way to fit a title into a plan: its mode and date in each region, the change in the plan's
/// objective (value less clash cost) it brings, its own value, and the releases it moves aside.
/// </summary>
public sealed record FitOption(string Mode, ImmutableDictionary<string, LocalDate> Dates, double ObjectiveChange, double Value, ImmutableArray<DisplacedRelease> Displaced);

/// <summary>The best ways to fit a title, best first, and how many placements were weighed (every candidate date and mode).</summary>
public sealed record FitResult(ImmutableArray<FitOption> Options, int Weighed);

/// <summary>
/// Where a title fits into a plan without planning again: every date and mode the title could take
/// is tried against the plan as it stands. A placement that keeps every rule is scored at once; one
/// that breaks a rule (a full day, a tentpole too near, a spent marketing week, a sequel too close)
/// moves the releases in its way to their best other dates, one step deep, as the construction's
/// ejection repair does, and is dropped when one of them is announced or has nowhere to go. An
/// option that leaves an obligation shorter than the plan does is dropped too. Options
/// are ranked by the change in the plan's objective, so a planner sees what fitting the title costs
/// the rest of the slate, not only what the title earns. A bounded repair, not a proof: a re-plan
/// with the chosen option pinned may find better.
/// </summary>
public static class TitleFitter
{
    /// <param name="values">The value model of the scenario with the title in it (new or changed).</param>
    /// <param name="plan">The plan to fit it into; its releases of the title, if any, are set aside.</param>
    /// <param name="titleId">The title; not one that offers several formats (a plan chooses among them).</param>
    /// <param name="top">How many options to give, at least 1.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <exception cref="ArgumentException">The title offers several formats.</exception>
    public static FitResult Fit(ValueModel values, Plan plan, string titleId, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var candidates = CandidateSet.Build(values);
        if (!candidates.Formats.SiblingsOf(titleId).IsEmpty)
        {
            throw new ArgumentException($"Title '{titleId}' offers several formats: a fit places a title in one, which a plan chooses.", nameof(titleId));
        }

        var title = candidates.ById[titleId];
        var slate = new SlateState(candidates);
        var settled = Settle(candidates, slate, plan, titleId);
        var allowedShortfall = ObligationRepair.Shortfall(values.Scenario, plan);
        var before = plan.Kpis.Value - plan.Kpis.ClashCost;
        var options = new List<FitOption>();
        var weighed = 0;
        foreach (var placement in EjectionRepair.Options(title))
        {
            cancellationToken.ThrowIfCancellationRequested();
            weighed++;
            if (Try(candidates, slate, title, placement, allowedShortfall) is { } tried)
            {
                options.Add(new FitOption(
                    placement.Mode,
                    Dates(candidates.Calendar, placement),
                    tried.Objective - before,
                    placement.Value,
                    [.. settled, .. tried.Displaced]));
            }
        }

        // A staggered option with every region on one date is the global one on that date, published
        // at each region's own time instead of one instant: shown once, as the global one, when it earns the same.
        var globals = options.Where(o => o.Mode == PlanModes.Global).ToLookup(o => o.Dates.Values.First());
        var distinct = options.Where(o => o.Mode == PlanModes.Global || o.Dates.Values.Distinct().Count() > 1
            || !globals[o.Dates.Values.First()].Any(g => Math.Abs(g.ObjectiveChange - o.ObjectiveChange) <= 1e-9));
        return new FitResult([.. distinct.OrderByDescending(o => o.ObjectiveChange).ThenBy(o => o.Dates.Values.Min()).Take(top)], weighed);
    }

    /// <summary>
    /// Places the plan's other titles on the slate as they are. A release the changed title no longer
    /// allows where it is (a sequel now too close to it, say) is moved to its best other date first:
    /// every option then moves it.
    /// </summary>
    private static List<DisplacedRelease> Settle(CandidateSet candidates, SlateState slate, Plan plan, string titleId)
    {
        // The plan's titles with formats stay in the formats it chose.
        var unsettled = new List<(TitleCandidates Title, Assignment Was)>();
        foreach (var assignment in candidates.Formats.ToExpanded(Assignment.FromPlan(plan).Where(a => a.TitleId != titleId), everyFormat: false))
        {
            if (!candidates.ById.TryGetValue(assignment.TitleId, out var other))
            {
                continue;
            }

            if (PlacementOptions.Of(candidates, other, assignment) is { } placement && PlacementOptions.Fits(slate, other.Title, placement))
            {
                slate.Place(other, placement);
            }
            else
            {
                unsettled.Add((other, assignment));
            }
        }

        var options = new PlacementOptions(candidates, slate);
        var displaced = new List<DisplacedRelease>();
        foreach (var (other, was) in unsettled)
        {
            var best = options.Best(other);
            if (best is not null)
            {
                slate.Place(other, best.Placement);
            }

            displaced.AddRange(was.Dates.Select(d => new DisplacedRelease(
                candidates.Formats.ParentOf(other.Title.Id), d.Key, d.Value, best?.Placement.Days.TryGetValue(d.Key, out var day) == true ? candidates.Calendar.Date(day) : null)));
        }

        return displaced;
    }

    /// <summary>The slate's objective with the title placed there and what it moved aside; null when it cannot be placed there. The slate is left as it was.</summary>
    // allowedShortfall: what the plan itself misses of the obligations (rule 13); an option may not miss more.
    private static (double Objective, List<DisplacedRelease> Displaced)? Try(CandidateSet candidates, SlateState slate, TitleCandidates title, Placement placement, int allowedShortfall)
    {
        if (PlacementOptions.Fits(slate, title.Title, placement))
        {
            slate.Place(title, placement);
            var objective = slate.Objective;
            var keeps = slate.ObligationShortfall() <= allowedShortfall;
            slate.Remove(title);
            return keeps ? (objective, []) : null;
        }

        if (EjectionRepair.Blockers(candidates, slate, title, placement) is not { Count: > 0 } blockers)
        {
            return null;
        }

        var moved = blockers.Select(b => candidates.Titles[b]).Select(b => (Title: b, Was: slate.Remove(b))).ToList();
        var placedAgain = new List<TitleCandidates>();
        (double, List<DisplacedRelease>)? result = null;
        if (PlacementOptions.Fits(slate, title.Title, placement))
        {
            slate.Place(title, placement);
            var options = new PlacementOptions(candidates, slate);
            var displaced = new List<DisplacedRelease>();
            var complete = true;
            foreach (var (other, was) in moved)
            {
                // A title moved aside keeps its format: a fit changes dates, not formats.
                var again = options.Best(other);
                if (again is not null && (candidates.MustRelease(other) || again.Score > 0))
                {
                    slate.Place(other, again.Placement);
                    placedAgain.Add(other);
                }
                else if (candidates.MustRelease(other))
                {
                    complete = false;
                    break;
                }

                displaced.AddRange(was.Days.Select(d => new DisplacedRelease(
                    candidates.Formats.ParentOf(other.Title.Id),
                    d.Key,
                    candidates.Calendar.Date(d.Value),
                    slate[other.Index]?.Days.TryGetValue(d.Key, out var day) == true ? candidates.Calendar.Date(day) : null)));
            }

            if (complete && slate.ObligationShortfall() <= allowedShortfall)
            {
                result = (slate.Objective, displaced.Where(d => d.To != d.From).ToList());
            }

            slate.Remove(title);
        }

        foreach (var other in placedAgain)
        {
            slate.Remove(other);
        }

        foreach (var (other, was) in moved)
        {
            slate.Place(other, was);
        }

        return result;
    }

    private static ImmutableDictionary<string, LocalDate> Dates(Calendar calendar, Placement placement)
        => placement.Days.ToImmutableDictionary(d => d.Key, d => calendar.Date(d.Value), StringComparer.Ordinal);
}
