using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// Reads the titles: resolves defaults (regions, affinity, window, lead region, pins) and checks
/// every reference. Titles whose fields are sound then go through <see cref="TitleWindowChecks"/>
/// (in each of their formats, when they offer several).
/// </summary>
internal sealed class TitleReader
{
    private readonly DateInterval _horizon;
    private readonly IReadOnlyList<string> _declaredRegions;
    private readonly IReadOnlyDictionary<string, Region> _regions;
    private readonly FieldParser _parser;

    /// <param name="horizon">The scenario's horizon.</param>
    /// <param name="declaredRegions">Every region id in the file, in file order, even those with errors (so that they do not also show up as unknown).</param>
    /// <param name="regions">The regions that were read without error.</param>
    /// <param name="parser">Where errors go.</param>
    public TitleReader(DateInterval horizon, IReadOnlyList<string> declaredRegions, IReadOnlyDictionary<string, Region> regions, FieldParser parser)
    {
        _horizon = horizon;
        _declaredRegions = declaredRegions;
        _regions = regions;
        _parser = parser;
    }

    public List<Title> Read(IReadOnlyList<TitleDto> titles)
    {
        var declaredTitles = titles.Select(t => t.Id!).ToHashSet(StringComparer.Ordinal);
        var ids = new IdRegistry("title");
        var result = new List<Title>();
        for (var i = 0; i < titles.Count; i++)
        {
            var path = JsonPath.Index("$.titles", i);
            var before = _parser.Errors.Count;
            ids.Register(titles[i].Id!, path, _parser);
            var spec = ReadSpec(titles[i], path, declaredTitles);
            if (spec is not null && _parser.Errors.Count == before
                && spec.Regions.All(_regions.ContainsKey)
                && TitleWindowChecks.InSomeFormat(spec, path, _horizon, _regions, _parser))
            {
                result.Add(new Title(spec));
            }
        }

        SequelCycles.Report(titles, _parser);
        return result;
    }

    private TitleSpec? ReadSpec(TitleDto dto, string path, HashSet<string> declaredTitles)
    {
        var id = dto.Id!;
        var owner = $"title '{id}'";
        var regions = ReadRegions(dto, path, owner);
        var affinity = ReadAffinity(dto, path, owner, regions);
        var readiness = ReadDatesByRegion(dto.Readiness, JsonPath.Property(path, "readiness"), owner);
        var availableUntil = ReadAvailableUntil(dto, path, owner, regions);
        var lead = ReadLeadRegion(dto, path, owner, regions, affinity);
        var pins = ReadPins(dto, path, owner, regions);
        var holdbacks = ReadHoldbacks(dto, path, owner, regions);
        var formats = ReadFormats(dto, path);
        var earliest = _parser.Date(dto.Earliest, JsonPath.Property(path, "earliest")) ?? _horizon.Start;
        var latest = _parser.Date(dto.Latest, JsonPath.Property(path, "latest")) ?? _horizon.End;
        var preferred = _parser.Date(dto.Preferred, JsonPath.Property(path, "preferred"));
        var after = dto.After ?? [];
        for (var a = 0; a < after.Count; a++)
        {
            if (!declaredTitles.Contains(after[a].Title!))
            {
                _parser.Add(
                    JsonPath.Property(JsonPath.Index(JsonPath.Property(path, "after"), a), "title"),
                    Messages.UnknownPredecessor(id, after[a].Title!));
            }
        }

        if (lead is null)
        {
            return null;
        }

        return new TitleSpec
        {
            Id = id,
            Name = dto.Name!,
            Kind = FieldParser.Choice(dto.Kind, ScenarioDefaults.Kind),
            Genres = dto.Genres!,
            Demand = dto.Demand,
            Regions = regions,
            Affinity = affinity,
            Release = FieldParser.Choice(dto.Release, ScenarioDefaults.Release),
            LeadRegion = lead,
            StaggerMaxDays = dto.StaggerMaxDays ?? ScenarioDefaults.StaggerMaxDays,
            Tentpole = dto.Tentpole ?? ScenarioDefaults.Tentpole,
            Earliest = earliest,
            Latest = latest,
            Readiness = readiness,
            Preferred = preferred,
            DelayCostPerWeek = dto.DelayCostPerWeek ?? ScenarioDefaults.DelayCostPerWeek,
            Pins = pins,
            After = [.. after.Select(a => new SequelGap(a.Title!, a.MinGapDays))],
            MarketingCost = dto.MarketingCost ?? ScenarioDefaults.MarketingCost,
            Optional = dto.Optional ?? ScenarioDefaults.Optional,
            Priority = FieldParser.Choice(dto.Priority, ScenarioDefaults.Priority),
            Drops = dto.Drops ?? ScenarioDefaults.Drops,
            DropIntervalDays = dto.DropIntervalDays ?? ScenarioDefaults.DropIntervalDays,
            AvailableUntil = availableUntil,
            Holdbacks = holdbacks,
            Formats = formats,
        };
    }

    // Formats as a decision: each format carries its drops and interval, so the title carries neither.
    private List<ReleaseFormat> ReadFormats(TitleDto dto, string path)
    {
        if (dto.Formats is not { } given)
        {
            return [];
        }

        foreach (var (field, value) in new (string, int?)[] { ("drops", dto.Drops), ("dropIntervalDays", dto.DropIntervalDays) })
        {
            if (value is not null)
            {
                _parser.Add(JsonPath.Property(path, field), Messages.FormatsWithDrops(dto.Id!, field));
            }
        }

        var ids = new IdRegistry("format");
        var result = new List<ReleaseFormat>();
        for (var f = 0; f < given.Count; f++)
        {
            var format = given[f];
            if (ids.Register(format.Id!, JsonPath.Index(JsonPath.Property(path, "formats"), f), _parser))
            {
                result.Add(new ReleaseFormat(
                    format.Id!,
                    format.Drops ?? ScenarioDefaults.Drops,
                    format.DropIntervalDays ?? ScenarioDefaults.DropIntervalDays,
                    format.ValueFactor ?? ScenarioDefaults.ValueFactor));
            }
        }

        return result;
    }

    /// <summary>The title's regions in file order of the scenario's regions; all of them when absent.</summary>
    private List<string> ReadRegions(TitleDto dto, string path, string owner)
    {
        if (dto.Regions is null)
        {
            return [.. _declaredRegions];
        }

        for (var r = 0; r < dto.Regions.Count; r++)
        {
            if (!_declaredRegions.Contains(dto.Regions[r]))
            {
                _parser.Add(JsonPath.Index(JsonPath.Property(path, "regions"), r), Messages.UnknownRegion(owner, dto.Regions[r]));
            }
        }

        return [.. _declaredRegions.Where(dto.Regions.Contains)];
    }

    private ImmutableDictionary<string, double> ReadAffinity(TitleDto dto, string path, string owner, List<string> regions)
    {
        var given = dto.Affinity ?? [];
        CheckRegionKeys(given.Keys, JsonPath.Property(path, "affinity"), owner);
        return regions.ToImmutableDictionary(r => r, r => given.GetValueOrDefault(r, 1.0), StringComparer.Ordinal);
    }

    private ImmutableDictionary<string, LocalDate> ReadDatesByRegion(Dictionary<string, string>? given, string path, string owner)
    {
        given ??= [];
        CheckRegionKeys(given.Keys, path, owner);
        var result = ImmutableDictionary.CreateBuilder<string, LocalDate>(StringComparer.Ordinal);
        foreach (var (region, text) in given)
        {
            if (_parser.Date(text, JsonPath.Property(path, region)) is { } date)
            {
                result[region] = date;
            }
        }

        return result.ToImmutable();
    }

    // Rights end only where the title has rights: a date for another region is a mistake, not a no-op.
    private ImmutableDictionary<string, LocalDate> ReadAvailableUntil(TitleDto dto, string path, string owner, List<string> regions)
    {
        var untilPath = JsonPath.Property(path, "availableUntil");
        var dates = ReadDatesByRegion(dto.AvailableUntil, untilPath, owner);
        foreach (var region in dates.Keys.Where(r => _declaredRegions.Contains(r) && !regions.Contains(r)).Order(StringComparer.Ordinal))
        {
            _parser.Add(JsonPath.Property(untilPath, region), Messages.AvailableUntilRegionOutside(dto.Id!, region));
        }

        return dates.RemoveRange(dates.Keys.Where(r => !regions.Contains(r)).ToList());
    }

    // Rule 11: a holdback names scenario regions of the title; none named means all of them.
    private List<Holdback> ReadHoldbacks(TitleDto dto, string path, string owner, List<string> regions)
    {
        var result = new List<Holdback>();
        var given = dto.Holdbacks ?? [];
        for (var h = 0; h < given.Count; h++)
        {
            var holdbackPath = JsonPath.Index(JsonPath.Property(path, "holdbacks"), h);
            var named = given[h].Regions ?? [];
            for (var r = 0; r < named.Count; r++)
            {
                var regionPath = JsonPath.Index(JsonPath.Property(holdbackPath, "regions"), r);
                if (!_declaredRegions.Contains(named[r]))
                {
                    _parser.Add(regionPath, Messages.UnknownRegion(owner, named[r]));
                }
                else if (!regions.Contains(named[r]))
                {
                    _parser.Add(regionPath, Messages.HoldbackRegionOutside(dto.Id!, named[r]));
                }
            }

            var until = given[h].Until!;
            if (_parser.Date(until.Date, JsonPath.Property(JsonPath.Property(holdbackPath, "until"), "date")) is { } date)
            {
                result.Add(new Holdback(date, until.Name!, given[h].Days, named.Distinct(StringComparer.Ordinal)));
            }
        }

        return result;
    }

    private string? ReadLeadRegion(TitleDto dto, string path, string owner, List<string> regions, ImmutableDictionary<string, double> affinity)
    {
        if (dto.LeadRegion is { } lead)
        {
            if (!_declaredRegions.Contains(lead))
            {
                _parser.Add(JsonPath.Property(path, "leadRegion"), Messages.UnknownRegion(owner, lead));
                return null;
            }

            if (!regions.Contains(lead))
            {
                _parser.Add(JsonPath.Property(path, "leadRegion"), Messages.LeadRegionOutside(dto.Id!, lead, regions));
                return null;
            }

            return lead;
        }

        // Largest audience * affinity; the strict comparison keeps the first region in file order on ties.
        string? best = null;
        var bestWeight = double.NegativeInfinity;
        foreach (var region in regions.Where(_regions.ContainsKey))
        {
            var weight = _regions[region].Audience * affinity[region];
            if (weight > bestWeight)
            {
                (best, bestWeight) = (region, weight);
            }
        }

        return best ?? regions.FirstOrDefault();
    }

    private ImmutableDictionary<string, LocalDate> ReadPins(TitleDto dto, string path, string owner, List<string> regions)
    {
        var pinnedPath = JsonPath.Property(path, "pinned");
        var result = ImmutableDictionary.CreateBuilder<string, LocalDate>(StringComparer.Ordinal);
        switch (dto.Pinned)
        {
            case System.Text.Json.Nodes.JsonValue single:
                if (_parser.Date(single.GetValue<string>(), pinnedPath) is { } date)
                {
                    foreach (var region in regions)
                    {
                        result[region] = date;
                    }
                }

                break;
            case System.Text.Json.Nodes.JsonObject byRegion:
                foreach (var (region, node) in byRegion)
                {
                    var regionPath = JsonPath.Property(pinnedPath, region);
                    if (!_declaredRegions.Contains(region))
                    {
                        _parser.Add(regionPath, Messages.UnknownRegion(owner, region));
                    }
                    else if (!regions.Contains(region))
                    {
                        _parser.Add(regionPath, Messages.PinnedRegionOutside(dto.Id!, region));
                    }
                    else if (_parser.Date(node!.GetValue<string>(), regionPath) is { } pin)
                    {
                        result[region] = pin;
                    }
                }

                break;
        }

        return result.ToImmutable();
    }

    private void CheckRegionKeys(IEnumerable<string> keys, string path, string owner)
    {
        foreach (var key in keys.Where(k => !_declaredRegions.Contains(k)))
        {
            _parser.Add(JsonPath.Property(path, key), Messages.UnknownRegion(owner, key));
        }
    }
}
