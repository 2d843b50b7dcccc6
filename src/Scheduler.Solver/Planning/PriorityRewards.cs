using Scheduler.Core.Domain;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

/// <summary>
/// The weights that make a best-effort search lexicographic (docs/explanations.md, "Best effort"):
/// placing one more title of a priority is worth more than any change in value and in every
/// priority below it together, so the search places the most <c>must</c> titles, then <c>high</c>,
/// <c>normal</c> and <c>low</c> ones, and only then weighs value. A title that was optional in the
/// scenario earns none: it is placed for its value alone, as in any plan.
/// </summary>
internal sealed class PriorityRewards
{
    private readonly Dictionary<string, double> _byTitle;

    private PriorityRewards(Dictionary<string, double> byTitle, double total)
    {
        _byTitle = byTitle;
        Total = total;
    }

    /// <summary>The rewards of all rewarded titles: what a plan that places every one of them earns on top of its objective.</summary>
    public double Total { get; }

    /// <summary>The reward of the title, 0 for one without.</summary>
    public double Of(string titleId) => _byTitle.GetValueOrDefault(titleId);

    /// <param name="candidates">The candidates of the slate, every title optional, before any reward.</param>
    /// <param name="original">The scenario as written: its optional titles earn no reward.</param>
    public static PriorityRewards For(CandidateSet candidates, Scenario original)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(original);
        var rewarded = candidates.Titles.Where(t => t.CanBeScheduled && !original.TitlesById[candidates.Formats.ParentOf(t.Title.Id)].Optional).ToList();

        // No rearrangement can change the objective by more than this: every title's range of values and clash costs.
        var range = 1 + candidates.Titles.Where(t => t.CanBeScheduled).Sum(t => Range(t, candidates.Scenario));
        var weight = new Dictionary<TitlePriority, double>();
        var below = 0.0;
        foreach (var priority in Enum.GetValues<TitlePriority>().Reverse())
        {
            weight[priority] = range + below;
            below += weight[priority] * rewarded.Count(t => t.Title.Priority == priority);
        }

        // Each format of a title earns its reward, and only one of them is placed: the total counts it once.
        var total = rewarded.DistinctBy(t => candidates.Formats.ParentOf(t.Title.Id)).Sum(t => weight[t.Title.Priority]);
        return new PriorityRewards(rewarded.ToDictionary(t => t.Title.Id, t => weight[t.Title.Priority], StringComparer.Ordinal), total);
    }

    /// <summary>Adds each title's reward to its launch options.</summary>
    public void ApplyTo(CandidateSet candidates)
    {
        foreach (var title in candidates.Titles)
        {
            if (Of(title.Title.Id) is var reward and > 0)
            {
                title.AddReward(reward);
            }
        }
    }

    private static double Range(TitleCandidates title, Scenario scenario)
    {
        var values = title.GlobalValues.AsEnumerable();
        if (title.CanBeStaggered)
        {
            values = values.Append(title.StaggeredValues.Values.Sum(v => v.Max())).Append(title.StaggeredValues.Values.Sum(v => v.Min()));
        }

        var list = values.DefaultIfEmpty(0).ToList();
        var clash = scenario.Objective.GenreClashCost * title.Title.Genres.Length * title.Title.Regions.Sum(scenario.Share);
        return Math.Max(0, list.Max()) - Math.Min(0, list.Min()) + clash;
    }
}
