using Scheduler.Core.Domain;

namespace Scheduler.Solver.Model;

/// <summary>
/// The dates a title may still take after every rule that can be applied without solving:
/// global dates (a release day in each of its regions) and staggered dates per region. Days are
/// <see cref="Calendar"/> numbers, ascending; values are value(t,r,d), summed over regions for a global date.
/// </summary>
internal sealed class TitleCandidates
{
    public TitleCandidates(Title title, int index, int[] globalDays, Dictionary<string, int[]> staggeredDays)
    {
        Title = title;
        Index = index;
        GlobalDays = globalDays;
        StaggeredDays = staggeredDays;
    }

    public Title Title { get; }

    /// <summary>Position of the title in the scenario.</summary>
    public int Index { get; }

    /// <summary>
    /// The group of titles that stand for one title of the scenario as written, one per format
    /// (<see cref="FormatExpansion.GroupOf"/>), or -1 for a title that stands for itself.
    /// </summary>
    public int FormatGroup { get; init; } = -1;

    /// <summary>One key per title of the scenario as written: its group of formats, or the title itself.</summary>
    public int ScenarioTitleKey => FormatGroup < 0 ? -1 - Index : FormatGroup;

    public int[] GlobalDays { get; set; }

    /// <summary>Per region of the title; every region has at least one day when the title can be staggered.</summary>
    public Dictionary<string, int[]> StaggeredDays { get; }

    public double[] GlobalValues { get; set; } = [];

    public Dictionary<string, double[]> StaggeredValues { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// What placing the title at all adds to each of its values: its priority's weight when a slate
    /// is planned with best effort (<see cref="Planning.PriorityRewards"/>), else 0.
    /// </summary>
    public double Reward { get; private set; }

    public bool CanBeGlobal => GlobalDays.Length > 0;

    /// <summary>Adds <paramref name="reward"/> to every launch option: each global date, and each lead-region date of a staggered release.</summary>
    public void AddReward(double reward)
    {
        Reward += reward;
        GlobalValues = [.. GlobalValues.Select(v => v + reward)];
        if (StaggeredValues.TryGetValue(Title.LeadRegion, out var lead))
        {
            StaggeredValues[Title.LeadRegion] = [.. lead.Select(v => v + reward)];
        }
    }

    public bool CanBeStaggered => StaggeredDays.Count > 0 && StaggeredDays.Values.All(d => d.Length > 0);

    public bool CanBeScheduled => CanBeGlobal || CanBeStaggered;

    /// <summary>A copy with only the days <paramref name="keepGlobal"/> and <paramref name="keepStaggered"/> keep, and their values.</summary>
    public TitleCandidates Filtered(Func<int, bool> keepGlobal, Func<string, int, bool> keepStaggered)
    {
        var copy = new TitleCandidates(
            Title,
            Index,
            [.. GlobalDays.Where(keepGlobal)],
            StaggeredDays.ToDictionary(kv => kv.Key, kv => kv.Value.Where(d => keepStaggered(kv.Key, d)).ToArray(), StringComparer.Ordinal))
        {
            FormatGroup = FormatGroup,
        };
        copy.CopyValuesFrom(this);
        copy.Reward = Reward;
        return copy;
    }

    /// <summary>Takes the values of this title's remaining days from <paramref name="original"/>, which has every one of them.</summary>
    public void CopyValuesFrom(TitleCandidates original)
    {
        Reward = original.Reward;
        GlobalValues = [.. GlobalDays.Select(d => original.GlobalValues[Array.BinarySearch(original.GlobalDays, d)])];
        foreach (var (region, days) in StaggeredDays)
        {
            var from = original.StaggeredDays[region];
            StaggeredValues[region] = [.. days.Select(d => original.StaggeredValues[region][Array.BinarySearch(from, d)])];
        }
    }

    /// <summary>The first and last day the title could release on, in any region and mode ((0, 0) without candidates).</summary>
    public (int First, int Last) Span()
    {
        var days = GlobalDays.Concat(StaggeredDays.Values.SelectMany(d => d)).ToList();
        return days.Count == 0 ? (0, 0) : (days.Min(), days.Max());
    }

    /// <summary>Every day the title may release in <paramref name="regionId"/>, in either mode.</summary>
    public IEnumerable<int> DaysIn(string regionId)
        => CanBeStaggered && StaggeredDays.TryGetValue(regionId, out var days) ? GlobalDays.Concat(days) : GlobalDays;
}
