using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;

namespace Scheduler.Solver.Model;

/// <summary>
/// Formats as a decision (docs/scenario-format.md, "Formats as a decision"), as the solver sees
/// them: each title that offers several formats stands in the planned scenario as one title per
/// format (its formats' titles, here "siblings"), each with that format's drops, interval and
/// factor, so that every rule and value is read exactly as for a title without formats. A sibling
/// is optional on its own; that one of them releases (a title that must release) or at most one
/// (an optional title) is the group's rule, which the candidates, the slate and the model keep
/// (<see cref="CandidateSet.FormatsOf"/>). References to the title (sequels, spacing groups,
/// obligations) name every sibling, and a title's genres and kind stay, so selectors match them
/// all. A title with one format needs no sibling: it stands in that format already.
/// </summary>
internal sealed class FormatExpansion
{
    private readonly Dictionary<string, (string Parent, string Format, int Group)> _bySibling = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<string>> _byParent = new(StringComparer.Ordinal);
    private readonly List<bool> _mustRelease = [];
    private readonly Lazy<Regex?> _siblingIds;

    private FormatExpansion(Scenario original)
    {
        Original = original;
        var taken = original.Titles.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var title in original.Titles.Where(t => t.Formats.Length > 1))
        {
            var ids = ImmutableArray.CreateBuilder<string>();
            foreach (var format in title.Formats)
            {
                var id = SiblingId(title.Id, format.Id, taken);
                _bySibling[id] = (title.Id, format.Id, _mustRelease.Count);
                ids.Add(id);
            }

            _byParent[title.Id] = ids.ToImmutable();
            _mustRelease.Add(!title.Optional);
        }

        if (_byParent.Count == 0)
        {
            Expanded = original;
            _siblingIds = new Lazy<Regex?>((Regex?)null);
            return;
        }

        Expanded = new Scenario(original.ToSpec() with
        {
            Titles = [.. original.Titles.SelectMany(Expand)],
            SpacingGroups = [.. original.SpacingGroups.Select(g => new SpacingGroup(g.Id, Rewrite(g.Titles), g.Genres, g.MinDays, g.Regions))],
            Obligations = [.. original.Obligations.Select(o => new Obligation(o.Id, Rewrite(o.Titles), o.Genres, o.Kinds, o.Min, o.Per, o.Regions))],
            Variants = [],
        });

        _siblingIds = new Lazy<Regex?>(SiblingIds); // built only when a message names a title
    }

    /// <summary>The scenario as written.</summary>
    public Scenario Original { get; }

    /// <summary>The scenario the solver plans: <see cref="Original"/> itself when no title offers several formats.</summary>
    public Scenario Expanded { get; }

    /// <summary>True when no title offers several formats.</summary>
    public bool IsEmpty => _byParent.Count == 0;

    /// <summary>How many titles offer several formats (each one group of siblings).</summary>
    public int GroupCount => _mustRelease.Count;

    public static FormatExpansion Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new FormatExpansion(scenario);
    }

    /// <summary>The group of a sibling (0 to <see cref="GroupCount"/> - 1), or -1 for a title that stands for itself.</summary>
    public int GroupOf(string titleId) => _bySibling.TryGetValue(titleId, out var sibling) ? sibling.Group : -1;

    /// <summary>Whether one of the group's siblings must release: the title they stand for is not optional.</summary>
    public bool MustRelease(int group) => _mustRelease[group];

    /// <summary>The id of the title of <see cref="Original"/> a title of <see cref="Expanded"/> stands for.</summary>
    public string ParentOf(string titleId) => _bySibling.TryGetValue(titleId, out var sibling) ? sibling.Parent : titleId;

    /// <summary>The format a sibling stands in, or null for a title that stands for itself.</summary>
    public string? FormatOf(string titleId) => _bySibling.TryGetValue(titleId, out var sibling) ? sibling.Format : null;

    /// <summary>The siblings of a title of <see cref="Original"/>, in its formats' order; empty when it offers at most one.</summary>
    public ImmutableArray<string> SiblingsOf(string parentId) => _byParent.TryGetValue(parentId, out var ids) ? ids : [];

    /// <summary>Assignments of <see cref="Expanded"/>'s titles as assignments of <see cref="Original"/>'s, each sibling's under its title with its format.</summary>
    public List<Assignment> ToOriginal(IEnumerable<Assignment> assignments)
        => [.. assignments.Select(a => _bySibling.TryGetValue(a.TitleId, out var sibling) ? a with { TitleId = sibling.Parent, Format = sibling.Format } : a)];

    /// <summary>The format each sibling of <paramref name="assignments"/> chose, by the id of its title.</summary>
    public ImmutableDictionary<string, string> Chosen(IEnumerable<Assignment> assignments)
        => assignments.Where(a => _bySibling.ContainsKey(a.TitleId))
            .ToImmutableDictionary(a => _bySibling[a.TitleId].Parent, a => _bySibling[a.TitleId].Format, StringComparer.Ordinal);

    /// <summary>
    /// A plan of <see cref="Original"/>'s titles (a reference to stay close to) as one of
    /// <see cref="Expanded"/>'s: a title with formats stands for each of its siblings on the same
    /// dates, the one of its named format first, since keeping its dates in another format keeps
    /// its dates all the same; or, not <paramref name="everyFormat"/>, for the sibling of its named
    /// format alone (none when it names none).
    /// </summary>
    public List<Assignment> ToExpanded(IEnumerable<Assignment> assignments, bool everyFormat = true)
    {
        var result = new List<Assignment>();
        // A title the scenario no longer has could bear a sibling's id: it is no title of this plan.
        foreach (var assignment in assignments.Where(a => IsEmpty || Original.TitlesById.ContainsKey(a.TitleId)))
        {
            var siblings = SiblingsOf(assignment.TitleId);
            if (siblings.IsEmpty)
            {
                result.Add(assignment);
                continue;
            }

            var named = siblings.Where(s => _bySibling[s].Format == assignment.Format);
            result.AddRange((everyFormat ? named.Concat(siblings.Except(named)) : named).Select(s => assignment with { TitleId = s, Format = null }));
        }

        return result;
    }

    /// <summary>A sentence with every sibling named as the title it stands for, in its format.</summary>
    public string Rename(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _siblingIds.Value is not { } ids ? text : ids.Replace(text, m => $"{_bySibling[m.Value].Parent} (format {_bySibling[m.Value].Format})");
    }

    /// <summary>Every sibling id as a whole word, the longest first so that an id that extends another is renamed whole.</summary>
    private Regex SiblingIds()
    {
        var alternatives = _bySibling.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Select(Regex.Escape);
        return new Regex($"(?<![a-z0-9._-])(?:{string.Join('|', alternatives)})(?![a-z0-9_-]|\\.[a-z0-9])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private IEnumerable<Title> Expand(Title title)
    {
        var spec = Rewrite(title);
        if (!_byParent.TryGetValue(title.Id, out var siblings))
        {
            return [spec is null ? title : new Title(spec)];
        }

        var template = spec ?? title.ToSpec();
        return title.Formats.Zip(siblings, (format, id) => new Title(template with { Id = id, Formats = [format], Format = null, Optional = true }));
    }

    // The title's sequel gaps with each title that offers formats replaced by its siblings; null when it follows none.
    private TitleSpec? Rewrite(Title title)
        => title.After.Any(a => _byParent.ContainsKey(a.TitleId))
            ? title.ToSpec() with { After = [.. title.After.SelectMany(a => _byParent.TryGetValue(a.TitleId, out var ids) ? ids.Select(id => new SequelGap(id, a.MinGapDays)) : [a])] }
            : null;

    private string[] Rewrite(IEnumerable<string> titleIds)
        => [.. titleIds.SelectMany(id => _byParent.TryGetValue(id, out var ids) ? ids.AsEnumerable() : [id])];

    // "<title>.<format>", numbered on when a title of the scenario (or an earlier sibling) has that id.
    private static string SiblingId(string parent, string format, HashSet<string> taken)
    {
        var id = $"{parent}.{format}";
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{parent}.{format}.{n}";
        }

        return id;
    }
}
