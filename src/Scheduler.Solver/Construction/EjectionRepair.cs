using Scheduler.Core.Plans;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Construction;

/// <summary>
/// Places titles a greedy order left out by ejection chains: the title takes the option (in any of its formats) whose
/// blockers (titles filling its days, tentpoles too close, launches spending its week's budget,
/// sequels too near) are fewest and cheapest, the blockers are taken off, each is placed again on
/// its best remaining option, and one that finds none waits its turn to eject others. Titles with
/// announced dates are never ejected; a title placed by an ejection is not ejected again for a
/// while, so that chains do not cycle. Fast and local; what it cannot finish within its step
/// budget is left to the exact neighbourhood repair.
/// </summary>
internal sealed class EjectionRepair
{
    private const int TabuSteps = 25;
    private const int StepsPerTitle = 30;

    private readonly CandidateSet _candidates;
    private readonly TimeProvider _time;

    public EjectionRepair(CandidateSet candidates, TimeProvider time)
    {
        _candidates = candidates;
        _time = time;
    }

    /// <summary>Tries to place every title of <paramref name="unplaced"/> on <paramref name="slate"/> (changed in place); returns those still unplaced.</summary>
    public List<TitleCandidates> Repair(SlateState slate, IEnumerable<TitleCandidates> unplaced, TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var queue = new Queue<TitleCandidates>(unplaced);
        var placedAt = new Dictionary<int, int>();
        var options = new PlacementOptions(_candidates, slate);
        var limit = StepsPerTitle * Math.Max(1, queue.Count) * 10;
        var stuck = new List<TitleCandidates>();
        for (var step = 0; queue.Count > 0 && step < limit && _time.GetElapsedTime(started) < budget; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var title = queue.Dequeue();
            if (slate.IsReleased(title))
            {
                continue;
            }

            var mustRelease = _candidates.MustRelease(title);
            if (options.BestFormat(title) is { } free && (mustRelease || free.Option.Score > 0))
            {
                slate.Place(free.Title, free.Option.Placement);
                continue;
            }

            if (!mustRelease)
            {
                continue; // an optional title is left out rather than pushing others aside
            }

            var choices = Choices(slate, title, step, placedAt);
            if (choices.Count == 0)
            {
                // Every option needs a title that may not leave (announced, or just placed): try
                // once more letting recently placed titles go, else set the title aside.
                choices = Choices(slate, title, step + TabuSteps + 1, placedAt);
                if (choices.Count == 0)
                {
                    stuck.Add(title);
                    continue;
                }
            }

            var best = choices.MinBy(o => (o.Blockers!.Count, o.Blockers.Sum(b => slate[b]!.Value) - o.Placement.Value));
            var ejected = best.Blockers!.Select(b => _candidates.Titles[b]).ToList();
            foreach (var blocker in ejected)
            {
                slate.Remove(blocker);
            }

            slate.Place(best.Format, best.Placement);
            placedAt[best.Format.Index] = step;
            foreach (var blocker in ejected)
            {
                var blockerMustRelease = _candidates.MustRelease(blocker);
                if (options.BestFormat(blocker) is { } again && (blockerMustRelease || again.Option.Score > 0))
                {
                    slate.Place(again.Title, again.Option.Placement);
                }
                else if (blockerMustRelease)
                {
                    queue.Enqueue(blocker);
                }
            }
        }

        return [.. queue.Concat(stuck).Where(t => !slate.IsReleased(t) && _candidates.MustRelease(t)).DistinctBy(t => t.ScenarioTitleKey)];
    }

    // Every option of the title in each of its formats, with the titles it would eject.
    private List<(TitleCandidates Format, Placement Placement, HashSet<int>? Blockers)> Choices(SlateState slate, TitleCandidates title, int step, Dictionary<int, int> placedAt)
        => [.. _candidates.FormatsOf(title)
            .SelectMany(f => Options(f).Select(p => (Format: f, Placement: p, Blockers: Blockers(slate, f, p, step, placedAt))))
            .Where(o => o.Blockers is not null)];

    /// <summary>Every global date, and every staggered lead date with each other region on its most valuable day in the window.</summary>
    internal static IEnumerable<Placement> Options(TitleCandidates title)
    {
        var regions = title.Title.Regions;
        for (var i = 0; i < title.GlobalDays.Length; i++)
        {
            var day = title.GlobalDays[i];
            yield return new Placement(PlanModes.Global, day, regions.ToDictionary(r => r, _ => day, StringComparer.Ordinal), title.GlobalValues[i]);
        }

        if (!title.CanBeStaggered)
        {
            yield break;
        }

        var lead = title.Title.LeadRegion;
        var leadDays = title.StaggeredDays[lead];
        for (var i = 0; i < leadDays.Length; i++)
        {
            var launch = leadDays[i];
            var days = new Dictionary<string, int>(StringComparer.Ordinal) { [lead] = launch };
            var value = title.StaggeredValues[lead][i];
            var complete = true;
            foreach (var region in regions.Where(r => r != lead))
            {
                var (day, regionValue) = Window(title, region, launch, launch + title.Title.StaggerMaxDays);
                if (day < 0)
                {
                    complete = false;
                    break;
                }

                days[region] = day;
                value += regionValue;
            }

            if (complete)
            {
                yield return new Placement(PlanModes.Staggered, launch, days, value);
            }
        }
    }

    /// <summary>The most valuable day of a region within a stagger window.</summary>
    private static (int Day, double Value) Window(TitleCandidates title, string region, int from, int to)
    {
        var (best, value) = (-1, double.NegativeInfinity);
        var days = title.StaggeredDays[region];
        for (var i = 0; i < days.Length; i++)
        {
            if (days[i] >= from && days[i] <= to && title.StaggeredValues[region][i] > value)
            {
                (best, value) = (days[i], title.StaggeredValues[region][i]);
            }
        }

        return (best, value);
    }

    /// <summary>The titles that must leave for <paramref name="placement"/> to keep every rule, or null when one of them is announced (pinned).</summary>
    internal static HashSet<int>? Blockers(CandidateSet candidates, SlateState slate, TitleCandidates title, Placement placement)
        => Blockers(candidates, slate, title, placement, other => candidates.Titles[other].Title.Pins.Count == 0);

    /// <summary>The titles that must leave for <paramref name="placement"/>, none of them announced or placed by an ejection within the last steps.</summary>
    private HashSet<int>? Blockers(SlateState slate, TitleCandidates title, Placement placement, int step, Dictionary<int, int> placedAt)
        => Blockers(_candidates, slate, title, placement, other => _candidates.Titles[other].Title.Pins.Count == 0 && (!placedAt.TryGetValue(other, out var at) || step - at > TabuSteps));

    /// <summary>The titles that must leave for <paramref name="placement"/> to keep every rule, or null when one of them is not <paramref name="movable"/>.</summary>
    private static HashSet<int>? Blockers(CandidateSet candidates, SlateState slate, TitleCandidates title, Placement placement, Func<int, bool> movable)
    {
        var scenario = candidates.Scenario;
        var capacity = scenario.Capacity;
        var blockers = new HashSet<int>();

        bool Evict(IEnumerable<int> occupants, int keep)
        {
            var staying = occupants.Where(o => !blockers.Contains(o)).ToList();
            foreach (var other in staying.Where(movable).OrderBy(o => slate[o]!.Value).Take(Math.Max(0, staying.Count - keep)))
            {
                blockers.Add(other);
            }

            return staying.Count(o => !blockers.Contains(o)) <= keep;
        }

        foreach (var (region, day) in placement.Days)
        {
            if (!Evict(slate.Occupants(region, day), capacity.PerDay - 1))
            {
                return null;
            }

            if (title.Title.Tentpole)
            {
                var spacing = capacity.TentpoleSpacingDays;
                var near = Enumerable.Range(day - Math.Max(0, spacing - 1), (2 * Math.Max(0, spacing - 1)) + 1)
                    .Where(d => d >= 0 && d < candidates.Calendar.Days && d != day)
                    .SelectMany(d => slate.Occupants(region, d))
                    .Where(o => candidates.Titles[o].Title.Tentpole);
                if (!Evict(slate.Occupants(region, day).Where(o => candidates.Titles[o].Title.Tentpole), spacing > 0 ? 0 : capacity.TentpolesPerDay - 1)
                    || !Evict(near, 0))
                {
                    return null;
                }
            }

            foreach (var group in scenario.GroupsOf(title.Title).Where(g => g.HoldsIn(region)))
            {
                if (!Evict(slate.GroupNeighbours(group, title.Title, region, day).ToList(), 0))
                {
                    return null;
                }
            }

            foreach (var gap in title.Title.After)
            {
                if (candidates.ById.TryGetValue(gap.TitleId, out var before) && slate[before.Index] is { } placed
                    && placed.Days.TryGetValue(region, out var earlier) && day < earlier + candidates.Scenario.PremiereGapDays(gap) && !Evict([before.Index], 0))
                {
                    return null;
                }
            }

            foreach (var (sequel, gap) in candidates.Sequels[title.Title.Id])
            {
                if (slate[sequel.Index] is { } placed && placed.Days.TryGetValue(region, out var later) && later < day + gap && !Evict([sequel.Index], 0))
                {
                    return null;
                }
            }
        }

        if (scenario.Capacity.MarketingBudgetPerWeek is { } budget && title.Title.MarketingCost > 0)
        {
            var week = candidates.Calendar.Week(placement.LaunchDay);
            var launches = slate.Launches(week).Where(o => candidates.Titles[o].Title.MarketingCost > 0).ToList();
            double Spend() => launches.Where(o => !blockers.Contains(o)).Sum(o => candidates.Titles[o].Title.MarketingCost);
            foreach (var other in launches.Where(o => !blockers.Contains(o) && movable(o)).OrderBy(o => slate[o]!.Value))
            {
                if (Spend() + title.Title.MarketingCost <= budget + 1e-9)
                {
                    break;
                }

                blockers.Add(other);
            }

            if (Spend() + title.Title.MarketingCost > budget + 1e-9)
            {
                return null;
            }
        }

        return blockers;
    }
}
