using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Model;

/// <summary>The columns that stand for one title's decisions; -1 or empty where a mode is impossible.</summary>
internal sealed class TitleColumns
{
    public TitleColumns(TitleCandidates candidates)
    {
        Candidates = candidates;
        Global = new int[candidates.GlobalDays.Length];
    }

    public TitleCandidates Candidates { get; }

    /// <summary>The "scheduled" column of an optional title; -1 for a title that must release.</summary>
    public int Scheduled { get; set; } = -1;

    /// <summary>One column per global day, aligned with <see cref="TitleCandidates.GlobalDays"/>.</summary>
    public int[] Global { get; }

    /// <summary>Per region, one column per staggered day, aligned with <see cref="TitleCandidates.StaggeredDays"/>.</summary>
    public Dictionary<string, int[]> Staggered { get; } = new(StringComparer.Ordinal);
}

/// <summary>A built MIP and the map from its columns back to release decisions.</summary>
internal sealed class ReleaseModel
{
    public ReleaseModel(CandidateSet candidates, MipModel mip, IReadOnlyList<TitleColumns> titles, IReadOnlyList<ClashColumn> clashColumns)
    {
        Candidates = candidates;
        Mip = mip;
        Titles = titles;
        ClashColumns = clashColumns;
    }

    public CandidateSet Candidates { get; }

    public MipModel Mip { get; }

    public IReadOnlyList<TitleColumns> Titles { get; }

    /// <summary>The excess-count columns of the genre-clash cost, with what they count.</summary>
    public IReadOnlyList<ClashColumn> ClashColumns { get; }

    /// <summary>In an elastic model, the slack column of each hard-rule row.</summary>
    public IReadOnlyList<ElasticSlack> Slacks { get; init; } = [];
}

/// <summary>
/// A slack that lets one hard-rule row break: its family (<c>assign</c>, <c>stagger</c>, <c>cap</c>,
/// <c>tent</c>, <c>spacing</c>, <c>after</c>, <c>budget</c>), what it concerns, and the columns of the
/// titles in the row, so that a broken rule can be told with the titles that crowd it.
/// </summary>
internal sealed record ElasticSlack(int Column, string Family, string? Title, string? Region, string? Detail, List<(int Column, string Title)> Members);

/// <summary>e(r,g,w) &gt;= n(r,g,w) - 1: the titles of genre g in region r in ISO week w beyond the first.</summary>
internal sealed record ClashColumn(int Column, int Region, string Genre, int Week);
