using System.Collections.Immutable;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Greedy;

/// <summary>The greedy planner's answer: assignments for every title it placed, or the title it could not place.</summary>
internal sealed record GreedyResult(IReadOnlyList<Assignment>? Assignments, string? UnplacedTitle);

/// <summary>
/// Plans as a planner would by hand: the title with the highest demand first (a sequel only after
/// the titles it follows), each on its best date that still keeps every rule given what is
/// already placed, never revisiting a decision. It is the optimizer's starting point and the
/// baseline its uplift is measured against.
/// </summary>
internal sealed class GreedyPlanner
{
    private readonly CandidateSet _candidates;
    private readonly GreedyState _state;

    public GreedyPlanner(CandidateSet candidates)
    {
        _candidates = candidates;
        _state = new GreedyState(candidates.Scenario, candidates.Calendar);
    }

    /// <param name="keep">
    /// A plan to stay close to (the base of a comparison, the plan of record of a replan): each of
    /// its titles keeps its mode and dates when they still keep every rule, before anything else
    /// is placed; only the others are placed greedily.
    /// </param>
    public GreedyResult Plan(IReadOnlyList<Assignment>? keep = null)
    {
        var assignments = new List<Assignment>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in Kept(keep ?? []))
        {
            kept.Add(assignment.TitleId);
            assignments.Add(assignment);
        }

        foreach (var candidates in Order().Where(c => !kept.Contains(c.Title.Id)))
        {
            var best = BestOption(candidates);
            if (best is null || (candidates.Title.Optional && best.Score <= 0))
            {
                if (!candidates.Title.Optional)
                {
                    return new GreedyResult(null, candidates.Title.Id);
                }

                continue;
            }

            _state.Commit(candidates.Title, best.LaunchDay, best.Days);
            var calendar = _candidates.Calendar;
            assignments.Add(new Assignment(
                candidates.Title.Id,
                best.Mode,
                best.Days.ToImmutableDictionary(kv => kv.Key, kv => calendar.Date(kv.Value), StringComparer.Ordinal)));
        }

        return new GreedyResult(assignments, null);
    }

    /// <summary>The assignments of <paramref name="keep"/> that are still candidates and fit, committed in demand order.</summary>
    private IEnumerable<Assignment> Kept(IReadOnlyList<Assignment> keep)
    {
        var calendar = _candidates.Calendar;
        foreach (var assignment in keep
            .Where(a => _candidates.ById.ContainsKey(a.TitleId))
            .OrderByDescending(a => _candidates.ById[a.TitleId].Title.Demand)
            .ThenBy(a => _candidates.ById[a.TitleId].Index))
        {
            var candidates = _candidates.ById[assignment.TitleId];
            var title = candidates.Title;
            if (!assignment.Dates.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(title.Regions)
                || assignment.Dates.Values.Any(d => d < calendar.Start || calendar.Day(d) >= calendar.Days))
            {
                continue;
            }

            var days = assignment.Dates.ToDictionary(kv => kv.Key, kv => calendar.Day(kv.Value), StringComparer.Ordinal);
            var launch = assignment.Mode == PlanModes.Global ? days.Values.First() : days[title.LeadRegion];
            var isCandidate = assignment.Mode == PlanModes.Global
                ? days.Values.Distinct().Count() == 1 && candidates.GlobalDays.Contains(launch)
                : candidates.CanBeStaggered
                  && days.All(kv => candidates.StaggeredDays[kv.Key].Contains(kv.Value))
                  && days.Values.All(d => d >= launch && d <= launch + title.StaggerMaxDays);
            if (isCandidate && _state.FitsBudget(title, launch) && days.All(kv => _state.CanRelease(title, kv.Key, kv.Value)))
            {
                _state.Commit(title, launch, days);
                yield return assignment;
            }
        }
    }

    /// <summary>Highest demand first, file order on ties; a title waits until every title it follows has been placed.</summary>
    private IEnumerable<TitleCandidates> Order()
    {
        var pending = _candidates.Titles.OrderByDescending(t => t.Title.Demand).ThenBy(t => t.Index).ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.Title.After.All(a => done.Contains(a.TitleId))) ?? pending[0];
            pending.Remove(next);
            done.Add(next.Title.Id);
            yield return next;
        }
    }

    private Option? BestOption(TitleCandidates candidates)
    {
        Option? best = null;
        foreach (var option in GlobalOptions(candidates).Concat(StaggeredOptions(candidates)))
        {
            if (best is null || option.Score > best.Score + 1e-12)
            {
                best = option;
            }
        }

        return best;
    }

    private IEnumerable<Option> GlobalOptions(TitleCandidates candidates)
    {
        var title = candidates.Title;
        for (var i = 0; i < candidates.GlobalDays.Length; i++)
        {
            var day = candidates.GlobalDays[i];
            if (!_state.FitsBudget(title, day) || !title.Regions.All(r => _state.CanRelease(title, r, day)))
            {
                continue;
            }

            var score = candidates.GlobalValues[i] - title.Regions.Sum(r => _state.ClashIncrease(title, r, day));
            yield return new Option(PlanModes.Global, day, title.Regions.ToDictionary(r => r, _ => day, StringComparer.Ordinal), score);
        }
    }

    private IEnumerable<Option> StaggeredOptions(TitleCandidates candidates)
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
            var score = candidates.StaggeredValues[lead][i] - _state.ClashIncrease(title, lead, launch);
            foreach (var region in title.Regions.Where(r => r != lead))
            {
                var (day, regionScore) = BestInRegion(candidates, region, launch, launch + title.StaggerMaxDays);
                if (day < 0)
                {
                    score = double.NaN;
                    break;
                }

                days[region] = day;
                score += regionScore;
            }

            if (!double.IsNaN(score))
            {
                yield return new Option(PlanModes.Staggered, launch, days, score);
            }
        }
    }

    private (int Day, double Score) BestInRegion(TitleCandidates candidates, string region, int from, int to)
    {
        var (bestDay, bestScore) = (-1, double.NegativeInfinity);
        var days = candidates.StaggeredDays[region];
        var values = candidates.StaggeredValues[region];
        for (var i = 0; i < days.Length && days[i] <= to; i++)
        {
            if (days[i] < from || !_state.CanRelease(candidates.Title, region, days[i]))
            {
                continue;
            }

            var score = values[i] - _state.ClashIncrease(candidates.Title, region, days[i]);
            if (score > bestScore + 1e-12)
            {
                (bestDay, bestScore) = (days[i], score);
            }
        }

        return (bestDay, bestScore);
    }

    private sealed record Option(string Mode, int LaunchDay, Dictionary<string, int> Days, double Score);
}
