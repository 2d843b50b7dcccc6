using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Construction;

/// <summary>A way to place a title and what it would add to the objective given what is already placed.</summary>
internal sealed record PlacementOption(Placement Placement, double Score);

/// <summary>
/// The ways a title can still be placed on a slate: each global date that keeps every rule in all
/// of its regions, and each staggered lead date with, in every other region, its best date within
/// the stagger window; scored by value, less the clash and move costs they would add.
/// </summary>
internal sealed class PlacementOptions
{
    private readonly CandidateSet _candidates;
    private readonly SlateState _state;

    public PlacementOptions(CandidateSet candidates, SlateState state)
    {
        _candidates = candidates;
        _state = state;
    }

    /// <summary>
    /// The best-scoring way to place the title, or null when none is left. Options are scored
    /// without being built (this runs for every title at every construction step, over windows of
    /// up to a year), and only the winner becomes a <see cref="Placement"/>.
    /// </summary>
    public PlacementOption? Best(TitleCandidates candidates)
    {
        var (global, globalScore) = BestGlobal(candidates);
        var (lead, staggeredScore) = BestStaggered(candidates);
        if (lead >= 0 && (global < 0 || staggeredScore > globalScore + 1e-12))
        {
            return new PlacementOption(StaggeredFrom(candidates, lead), staggeredScore);
        }

        if (global < 0)
        {
            return null;
        }

        var title = candidates.Title;
        var day = candidates.GlobalDays[global];
        var days = title.Regions.ToDictionary(r => r, _ => day, StringComparer.Ordinal);
        return new PlacementOption(new Placement(PlanModes.Global, day, days, candidates.GlobalValues[global]), globalScore);
    }

    /// <summary>
    /// The best-scoring way to place the title in any of its formats (<see cref="CandidateSet.FormatsOf"/>),
    /// with the title that stands for it in that format; null when none is left. For a title without
    /// formats, <see cref="Best"/>.
    /// </summary>
    public (TitleCandidates Title, PlacementOption Option)? BestFormat(TitleCandidates candidates)
    {
        (TitleCandidates Title, PlacementOption Option)? best = null;
        foreach (var format in _candidates.FormatsOf(candidates))
        {
            if (Best(format) is { } option && (best is null || option.Score > best.Value.Option.Score + 1e-12))
            {
                best = (format, option);
            }
        }

        return best;
    }

    /// <summary>The placement an assignment stands for, or null when one of its dates is not a candidate.</summary>
    public static Placement? Of(CandidateSet set, TitleCandidates candidates, Assignment assignment)
    {
        var title = candidates.Title;
        var calendar = set.Calendar;
        if (!assignment.Dates.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(title.Regions)
            || assignment.Dates.Values.Any(d => d < calendar.Start || calendar.Day(d) >= calendar.Days))
        {
            return null;
        }

        var days = assignment.Dates.ToDictionary(kv => kv.Key, kv => calendar.Day(kv.Value), StringComparer.Ordinal);
        if (assignment.Mode == PlanModes.Global)
        {
            var index = Array.IndexOf(candidates.GlobalDays, days.Values.First());
            return index >= 0 && days.Values.Distinct().Count() == 1
                ? new Placement(PlanModes.Global, candidates.GlobalDays[index], days, candidates.GlobalValues[index])
                : null;
        }

        if (!candidates.CanBeStaggered)
        {
            return null;
        }

        var launch = days[title.LeadRegion];
        var value = 0.0;
        foreach (var (region, day) in days)
        {
            var index = Array.IndexOf(candidates.StaggeredDays[region], day);
            if (index < 0 || day < launch || day > launch + title.StaggerMaxDays)
            {
                return null;
            }

            value += candidates.StaggeredValues[region][index];
        }

        return new Placement(PlanModes.Staggered, launch, days, value);
    }

    /// <summary>Whether a placement keeps rules 5, 6, 7 and 9 on the slate as it stands.</summary>
    public static bool Fits(SlateState state, Title title, Placement placement)
        => state.FitsBudget(title, placement.LaunchDay) && placement.Days.All(kv => state.CanRelease(title, kv.Key, kv.Value));

    private (int Index, double Score) BestGlobal(TitleCandidates candidates)
    {
        var title = candidates.Title;
        var (best, bestScore) = (-1, double.NegativeInfinity);
        for (var i = 0; i < candidates.GlobalDays.Length; i++)
        {
            var day = candidates.GlobalDays[i];
            if (!_state.FitsBudget(title, day) || !CanReleaseEverywhere(title, day))
            {
                continue;
            }

            var score = candidates.GlobalValues[i];
            foreach (var region in title.Regions)
            {
                score -= _state.ClashIncrease(title, region, day) + _state.MoveCharge(title, PlanModes.Global, region, day);
            }

            if (best < 0 || score > bestScore + 1e-12)
            {
                (best, bestScore) = (i, score);
            }
        }

        return (best, bestScore);
    }

    private bool CanReleaseEverywhere(Title title, int day)
    {
        foreach (var region in title.Regions)
        {
            if (!_state.CanRelease(title, region, day))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The index of the best staggered lead date and its score, each other region at its best date.</summary>
    private (int Index, double Score) BestStaggered(TitleCandidates candidates)
    {
        var (best, bestScore) = (-1, double.NegativeInfinity);
        if (!candidates.CanBeStaggered)
        {
            return (best, bestScore);
        }

        var leadDays = candidates.StaggeredDays[candidates.Title.LeadRegion];
        for (var i = 0; i < leadDays.Length; i++)
        {
            if (Staggered(candidates, i, days: null) is { } option && (best < 0 || option.Score > bestScore + 1e-12))
            {
                (best, bestScore) = (i, option.Score);
            }
        }

        return (best, bestScore);
    }

    private Placement StaggeredFrom(TitleCandidates candidates, int lead)
    {
        var days = new Dictionary<string, int>(StringComparer.Ordinal);
        var (value, _) = Staggered(candidates, lead, days)!.Value;
        return new Placement(PlanModes.Staggered, candidates.StaggeredDays[candidates.Title.LeadRegion][lead], days, value);
    }

    /// <summary>
    /// The value and score of a staggered placement from the lead date at <paramref name="index"/>,
    /// or null when it breaks a rule; its dates go into <paramref name="days"/> when one is given.
    /// </summary>
    private (double Value, double Score)? Staggered(TitleCandidates candidates, int index, Dictionary<string, int>? days)
    {
        var title = candidates.Title;
        var lead = title.LeadRegion;
        var launch = candidates.StaggeredDays[lead][index];
        if (!_state.FitsBudget(title, launch) || !_state.CanRelease(title, lead, launch))
        {
            return null;
        }

        days?.Add(lead, launch);
        var value = candidates.StaggeredValues[lead][index];
        var score = value - _state.ClashIncrease(title, lead, launch) - _state.MoveCharge(title, PlanModes.Staggered, lead, launch);
        foreach (var region in title.Regions)
        {
            if (region == lead)
            {
                continue;
            }

            var (day, regionValue, regionScore) = BestInRegion(candidates, region, launch, launch + title.StaggerMaxDays);
            if (day < 0)
            {
                return null;
            }

            days?.Add(region, day);
            value += regionValue;
            score += regionScore;
        }

        return (value, score);
    }

    private (int Day, double Value, double Score) BestInRegion(TitleCandidates candidates, string region, int from, int to)
    {
        var (bestDay, bestValue, bestScore) = (-1, 0.0, double.NegativeInfinity);
        var days = candidates.StaggeredDays[region];
        var values = candidates.StaggeredValues[region];
        var title = candidates.Title;
        for (var i = 0; i < days.Length && days[i] <= to; i++)
        {
            if (days[i] < from || !_state.CanRelease(title, region, days[i]))
            {
                continue;
            }

            var score = values[i] - _state.ClashIncrease(title, region, days[i]) - _state.MoveCharge(title, PlanModes.Staggered, region, days[i]);
            if (score > bestScore + 1e-12)
            {
                (bestDay, bestValue, bestScore) = (days[i], values[i], score);
            }
        }

        return (bestDay, bestValue, bestScore);
    }
}
