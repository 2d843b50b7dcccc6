using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// Reads the slate-wide rules of docs/scenario-format.md, "Spacing groups" and "Obligations": every title, genre and
/// region they name must exist (a genre exists when some title carries it), each error at its path.
/// </summary>
internal sealed class DecisionReader
{
    private readonly HashSet<string> _titles;
    private readonly HashSet<string> _genres;
    private readonly HashSet<string> _regions;
    private readonly FieldParser _parser;

    /// <param name="titles">Every title as declared in the file, even those with errors (so that they do not also show up as unknown).</param>
    /// <param name="regions">Every region id declared in the file.</param>
    /// <param name="parser">Where errors go.</param>
    public DecisionReader(IReadOnlyList<TitleDto> titles, IEnumerable<string> regions, FieldParser parser)
    {
        _titles = titles.Select(t => t.Id!).ToHashSet(StringComparer.Ordinal);
        _genres = titles.SelectMany(t => t.Genres ?? []).ToHashSet(StringComparer.Ordinal);
        _regions = regions.ToHashSet(StringComparer.Ordinal);
        _parser = parser;
    }

    public List<SpacingGroup> SpacingGroups(IReadOnlyList<SpacingGroupDto> groups)
    {
        var ids = new IdRegistry("spacing group");
        var result = new List<SpacingGroup>();
        for (var i = 0; i < groups.Count; i++)
        {
            var dto = groups[i];
            var path = JsonPath.Index("$.spacingGroups", i);
            var before = _parser.Errors.Count;
            var owner = $"spacing group '{dto.Id}'";
            ids.Register(dto.Id!, path, _parser);
            CheckSelectors(dto.Titles, dto.Genres, path, owner, "titles or genres");
            CheckRegions(dto.Regions, path, owner);
            if (_parser.Errors.Count == before)
            {
                result.Add(new SpacingGroup(dto.Id!, dto.Titles ?? [], dto.Genres ?? [], dto.MinDays, dto.Regions ?? []));
            }
        }

        return result;
    }

    public List<Obligation> Obligations(IReadOnlyList<ObligationDto> obligations)
    {
        var ids = new IdRegistry("obligation");
        var result = new List<Obligation>();
        for (var i = 0; i < obligations.Count; i++)
        {
            var dto = obligations[i];
            var path = JsonPath.Index("$.obligations", i);
            var before = _parser.Errors.Count;
            var owner = $"obligation '{dto.Id}'";
            ids.Register(dto.Id!, path, _parser);
            var kinds = (dto.Kinds ?? []).Select(FieldParser.Choice<TitleKind>).ToList();
            CheckSelectors(dto.Titles, dto.Genres, path, owner, "titles, genres or kinds", kinds.Count);
            CheckRegions(dto.Regions, path, owner);
            if (_parser.Errors.Count == before)
            {
                result.Add(new Obligation(dto.Id!, dto.Titles ?? [], dto.Genres ?? [], kinds, dto.Min, FieldParser.Choice<ObligationPeriod>(dto.Per!), dto.Regions ?? []));
            }
        }

        return result;
    }

    private void CheckSelectors(List<string>? titles, List<string>? genres, string path, string owner, string selectors, int others = 0)
    {
        if ((titles?.Count ?? 0) + (genres?.Count ?? 0) + others == 0)
        {
            _parser.Add(path, Messages.SelectsNothing(owner, selectors));
        }

        Check(titles, JsonPath.Property(path, "titles"), _titles, t => Messages.UnknownTitle(owner, t));
        Check(genres, JsonPath.Property(path, "genres"), _genres, g => Messages.UnknownGenre(owner, g));
    }

    private void CheckRegions(List<string>? regions, string path, string owner)
        => Check(regions, JsonPath.Property(path, "regions"), _regions, r => Messages.UnknownRegion(owner, r));

    private void Check(List<string>? given, string path, HashSet<string> known, Func<string, string> message)
    {
        for (var i = 0; i < (given?.Count ?? 0); i++)
        {
            if (!known.Contains(given![i]))
            {
                _parser.Add(JsonPath.Index(path, i), message(given[i]));
            }
        }
    }
}
