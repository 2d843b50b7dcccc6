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

    public PlacementOption? Best(TitleCandidates candidates)
    {
        PlacementOption? best = null;
        foreach (var option in Global(candidates).Concat(Staggered(candidates)))
        {
            if (best is null || option.Score > best.Score + 1e-12)
            {
                best = option;
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

    private IEnumerable<PlacementOption> Global(TitleCandidates candidates)
    {
        var title = candidates.Title;
        for (var i = 0; i < candidates.GlobalDays.Length; i++)
        {
            var day = candidates.GlobalDays[i];
            if (!_state.FitsBudget(title, day) || !title.Regions.All(r => _state.CanRelease(title, r, day)))
            {
                continue;
            }

            var score = candidates.GlobalValues[i]
                - title.Regions.Sum(r => _state.ClashIncrease(title, r, day) + _state.MoveCharge(title, PlanModes.Global, r, day));
            yield return new PlacementOption(
                new Placement(PlanModes.Global, day, title.Regions.ToDictionary(r => r, _ => day, StringComparer.Ordinal), candidates.GlobalValues[i]),
                score);
        }
    }

    private IEnumerable<PlacementOption> Staggered(TitleCandidates candidates)
    {
        if (!candidates.CanBeStaggered)
        {
            yield break;
        }

        var title = candidates.Title;
        var lead = title.LeadRegion;
        var leadDays = candidates.StaggeredDays[lead];
        for (var i = 0; i < leadDays.Length; i++)
        {
            var launch = leadDays[i];
            if (!_state.FitsBudget(title, launch) || !_state.CanRelease(title, lead, launch))
            {
                continue;
            }

            var days = new Dictionary<string, int>(StringComparer.Ordinal) { [lead] = launch };
            var value = candidates.StaggeredValues[lead][i];
            var score = value - _state.ClashIncrease(title, lead, launch) - _state.MoveCharge(title, PlanModes.Staggered, lead, launch);
            var complete = true;
            foreach (var region in title.Regions.Where(r => r != lead))
            {
                var (day, regionValue, regionScore) = BestInRegion(candidates, region, launch, launch + title.StaggerMaxDays);
                if (day < 0)
                {
                    complete = false;
                    break;
                }

                days[region] = day;
                value += regionValue;
                score += regionScore;
            }

            if (complete)
            {
                yield return new PlacementOption(new Placement(PlanModes.Staggered, launch, days, value), score);
            }
        }
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
