using Scheduler.Core.Domain;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Diagnosis;

/// <summary>
/// The part of a slate a conflict is looked for in when a construction could not place every
/// title: those titles, the titles they follow or that follow them, and the titles that compete
/// with them (a region in common, dates that overlap), the nearest first, up to
/// <see cref="MaxCandidates"/>. Leaving titles out of a slate only loosens its rules (capacity,
/// tentpoles, spacing, spacing groups and budget count fewer titles; a sequel gap to a title left
/// out no longer applies) but its obligations, which are dropped from the part, so a conflict among
/// these titles alone is a conflict of the whole slate, and the
/// diagnoser's model stays small however large the slate is.
/// </summary>
internal static class ConflictNeighbourhood
{
    /// <summary>The most candidate dates the neighbourhood's titles may have together.</summary>
    public const int MaxCandidates = 20_000;

    /// <summary>The scenario of the neighbourhood of <paramref name="unplaced"/>; null when there is none to look in.</summary>
    public static Scenario? Of(CandidateSet candidates, IReadOnlyList<TitleCandidates> unplaced)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(unplaced);
        if (unplaced.Count == 0)
        {
            return null;
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var size = 0;
        bool Take(TitleCandidates title)
        {
            var count = Count(title);
            if (chosen.Contains(title.Title.Id) || size + count > MaxCandidates)
            {
                return false;
            }

            chosen.Add(title.Title.Id);
            size += count;
            return true;
        }

        foreach (var title in unplaced)
        {
            Take(title);
            foreach (var linked in title.Title.After.Select(a => a.TitleId).Concat(candidates.Sequels[title.Title.Id].Select(s => s.Sequel.Title.Id)))
            {
                Take(candidates.ById[linked]);
            }
        }

        // Tentpoles and spacing groups compete over their spacing too, not only on the days they share.
        var spacing = candidates.Scenario.SpacingGroups.Select(g => g.MinDays).Append(candidates.Scenario.Capacity.TentpoleSpacingDays).Max();
        var spans = unplaced.Select(u => (Title: u, Span: u.Span())).ToList();
        var competitors = candidates.Titles
            .Where(t => !chosen.Contains(t.Title.Id) && candidates.MustRelease(t) && t.CanBeScheduled)
            .Select(t => (Title: t, Distance: spans.Where(u => u.Title.Title.Regions.Intersect(t.Title.Regions).Any()).Select(u => Distance(u.Span, t.Span())).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(c => c.Distance <= spacing)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Title.Index);
        foreach (var (title, _) in competitors)
        {
            Take(title);
        }

        if (chosen.Count == 0)
        {
            return null;
        }

        // The part is written as the scenario was (a title chosen in one format is taken with all of
        // them), so that its titles keep the rule that one format of each must release.
        var scenario = candidates.Formats.Original;
        chosen = chosen.Select(candidates.Formats.ParentOf).ToHashSet(StringComparer.Ordinal);
        var titles = scenario.Titles
            .Where(t => chosen.Contains(t.Id))
            .Select(t => t.After.All(a => chosen.Contains(a.TitleId)) ? t : new Title(t.ToSpec() with { After = [.. t.After.Where(a => chosen.Contains(a.TitleId))] }))
            .ToList();
        // Obligations ask for titles, so leaving titles out would tighten them: the part is looked at without them.
        return new Scenario(scenario.ToSpec() with { Titles = titles, Variants = [], Obligations = [] });
    }

    private static int Count(TitleCandidates title)
        => title.GlobalDays.Length + (title.CanBeStaggered ? title.StaggeredDays.Values.Sum(d => d.Length) : 0);

    // Negative: the days two spans share; positive: the days between them.
    private static int Distance((int First, int Last) a, (int First, int Last) b)
        => Math.Max(a.First, b.First) - Math.Min(a.Last, b.Last);
}
