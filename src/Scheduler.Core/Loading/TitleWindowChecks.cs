using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// Conflicts that can be seen without solving: an empty window, readiness or a holdback after the window, a
/// region with no release day, pins off the window or off the calendar, a global title whose
/// regions share no release day or whose pins differ, staggered pins that break the stagger window,
/// and drops that cannot fit: no premiere (or a pinned one) whose last drop falls before the rights
/// end or the horizon end, with no later drop on a blackout date. A title with formats is checked in
/// the format it stands in (<see cref="InSomeFormat"/>).
/// </summary>
internal sealed class TitleWindowChecks
{
    private readonly TitleSpec _title;
    private readonly string _path;
    private readonly DateInterval _horizon;
    private readonly IReadOnlyDictionary<string, Region> _regions;
    private readonly FieldParser _parser;
    private readonly Title _drops;

    public TitleWindowChecks(TitleSpec title, string path, DateInterval horizon, IReadOnlyDictionary<string, Region> regions, FieldParser parser)
    {
        _title = title;
        _drops = new Title(title);
        _path = path;
        _horizon = horizon;
        _regions = regions;
        _parser = parser;
    }

    /// <summary>
    /// The checks of a title in each of its formats (docs/scenario-format.md, "Formats as a
    /// decision"): the title is sound when one format passes them all, since the plan may choose
    /// it; when none does, the first format's conflicts are reported, naming it.
    /// </summary>
    /// <returns>True when the title (in some format) has no conflict.</returns>
    public static bool InSomeFormat(TitleSpec title, string path, DateInterval horizon, IReadOnlyDictionary<string, Region> regions, FieldParser parser)
    {
        if (title.Formats.Count <= 1)
        {
            return new TitleWindowChecks(title, path, horizon, regions, parser).Run();
        }

        if (title.Formats.Any(f => new TitleWindowChecks(title with { Format = f.Id }, path, horizon, regions, new FieldParser([])).Run()))
        {
            return true;
        }

        var first = new FieldParser([]);
        new TitleWindowChecks(title with { Format = title.Formats[0].Id }, path, horizon, regions, first).Run();
        foreach (var error in first.Errors)
        {
            parser.Errors.Add(error with { Message = Messages.InNoFormat(error.Message, title.Formats[0].Id, title.Formats.Count) });
        }

        return false;
    }

    /// <summary>Adds every conflict found; true when there is none.</summary>
    public bool Run()
    {
        var before = _parser.Errors.Count;
        var (start, startSource) = _title.Earliest > _horizon.Start ? (_title.Earliest, "earliest") : (_horizon.Start, "horizon start");
        var (end, endSource) = _title.Latest < _horizon.End ? (_title.Latest, "latest") : (_horizon.End, "horizon end");
        if (start > end)
        {
            _parser.Add(_path, Messages.EmptyWindow(_title.Id, Text(start), startSource, Text(end), endSource));
            return false;
        }

        var releaseDates = new Dictionary<string, List<LocalDate>>(StringComparer.Ordinal);
        foreach (var regionId in _title.Regions)
        {
            var regionStart = start;
            if (_title.Readiness.TryGetValue(regionId, out var ready))
            {
                if (ready > end)
                {
                    _parser.Add(
                        JsonPath.Property(JsonPath.Property(_path, "readiness"), regionId),
                        Messages.ReadinessAfterWindow(_title.Id, regionId, Text(ready), Text(end), endSource));
                    continue;
                }

                regionStart = LocalDate.Max(start, ready);
            }

            if (_drops.BindingHoldback(regionId) is { } holdback && holdback.Until > regionStart)
            {
                if (holdback.Until > end)
                {
                    _parser.Add(
                        JsonPath.Index(JsonPath.Property(_path, "holdbacks"), _drops.Holdbacks.IndexOf(holdback)),
                        Messages.HoldbackAfterWindow(_title.Id, regionId, $"'{holdback.Name}'", Text(holdback.Date), holdback.Days, Text(holdback.Until), Text(end), endSource));
                    continue;
                }

                regionStart = holdback.Until;
            }

            var region = _regions[regionId];
            var dates = new DateInterval(regionStart, end).Where(region.IsReleaseDay).ToList();
            if (dates.Count == 0)
            {
                _parser.Add(_path, Messages.NoReleaseDay(_title.Id, regionId, Text(regionStart), Text(end)));
                continue;
            }

            var fitting = dates.Where(d => DropsFit(region, d)).ToList();
            if (fitting.Count == 0)
            {
                ReportDropsDoNotFit(region, dates);
                continue;
            }

            releaseDates[regionId] = fitting;
            CheckPin(region, new DateInterval(regionStart, end));
        }

        if (_parser.Errors.Count == before)
        {
            CheckMode(releaseDates);
        }

        return _parser.Errors.Count == before;
    }

    private void CheckPin(Region region, DateInterval window)
    {
        if (!_title.Pins.TryGetValue(region.Id, out var pin))
        {
            return;
        }

        var path = PinPath(region.Id);
        if (_drops.BindingHoldback(region.Id) is { } holdback && pin < holdback.Until && pin >= _title.Earliest)
        {
            _parser.Add(path, Messages.PinBeforeHoldback(_title.Id, region.Id, Text(pin), $"'{holdback.Name}'", Text(holdback.Date), holdback.Days, Text(holdback.Until)));
        }
        else if (!window.Contains(pin))
        {
            _parser.Add(path, Messages.PinOutsideWindow(_title.Id, region.Id, Text(pin), Text(window.Start), Text(window.End)));
        }
        else if (!region.ReleaseDays.Contains(pin.DayOfWeek))
        {
            _parser.Add(path, Messages.PinNotReleaseDay(_title.Id, region.Id, Text(pin), FieldParser.Weekday(pin)));
        }
        else if (region.BlackoutDates.Contains(pin))
        {
            _parser.Add(path, Messages.PinOnBlackout(_title.Id, region.Id, Text(pin)));
        }
        else if (_drops.LastDropDate(pin) > Limit(region.Id))
        {
            _parser.Add(path, Messages.PinnedDropsPastLimit(_title.Id, region.Id, Text(pin), _drops.Drops, Text(_drops.LastDropDate(pin)), Text(Limit(region.Id)), LimitSource(region.Id)));
        }
        else if (_drops.LaterDropOnBlackout(pin, region.BlackoutDates) is { } index)
        {
            _parser.Add(path, Messages.PinnedDropOnBlackout(_title.Id, region.Id, Text(pin), index, Text(_drops.DropDate(pin, index))));
        }
    }

    private bool DropsFit(Region region, LocalDate premiere)
        => _drops.LastDropDate(premiere) <= Limit(region.Id) && _drops.LaterDropOnBlackout(premiere, region.BlackoutDates) is null;

    // Names the dates: the earliest premiere's last drop against the limit, or, when the limit is
    // met somewhere, the blackout that a later drop of each premiere falls on.
    private void ReportDropsDoNotFit(Region region, List<LocalDate> premieres)
    {
        var first = premieres[0];
        var limit = Limit(region.Id);
        if (_drops.LastDropDate(first) > limit)
        {
            _parser.Add(_path, Messages.DropsPastLimit(_title.Id, region.Id, _drops.Drops, _drops.DropIntervalDays, Text(first), Text(_drops.LastDropDate(first)), Text(limit), LimitSource(region.Id)));
            return;
        }

        var last = premieres.Last(d => _drops.LastDropDate(d) <= limit);
        var index = _drops.LaterDropOnBlackout(first, region.BlackoutDates)!.Value;
        _parser.Add(_path, Messages.DropsOnBlackouts(_title.Id, region.Id, Text(first), Text(last), index, Text(_drops.DropDate(first, index))));
    }

    private LocalDate Limit(string regionId) => _drops.DropLimit(regionId, _horizon.End);

    private string LimitSource(string regionId)
        => _title.AvailableUntil.TryGetValue(regionId, out var until) && until < _horizon.End ? "availableUntil" : "horizon end";

    private void CheckMode(Dictionary<string, List<LocalDate>> releaseDates)
    {
        if (_title.Release == ReleaseMode.Global)
        {
            var pinDates = _title.Pins.Values.Distinct().ToList();
            if (pinDates.Count > 1)
            {
                _parser.Add(
                    JsonPath.Property(_path, "pinned"),
                    Messages.GlobalPinsDiffer(_title.Id, _title.Regions.Where(_title.Pins.ContainsKey).Select(r => $"{r} {Text(_title.Pins[r])}")));
                return;
            }

            var common = releaseDates.Values.Skip(1).Aggregate(
                new HashSet<LocalDate>(releaseDates.Values.First()),
                (set, dates) => { set.IntersectWith(dates); return set; });
            if (common.Count == 0)
            {
                _parser.Add(_path, Messages.GlobalNoCommonDay(_title.Id, _title.Regions));
            }
        }
        else if (_title.Release == ReleaseMode.Staggered && !_title.Pins.ContainsKey(_title.LeadRegion) && _title.Pins.Count > 1)
        {
            var first = _title.Pins.MinBy(p => p.Value);
            var last = _title.Pins.MaxBy(p => p.Value);
            if (Period.DaysBetween(first.Value, last.Value) > _title.StaggerMaxDays)
            {
                _parser.Add(
                    JsonPath.Property(_path, "pinned"),
                    Messages.StaggeredPinsTooFarApart(_title.Id, first.Key, Text(first.Value), last.Key, Text(last.Value), _title.StaggerMaxDays));
            }
        }
        else if (_title.Release == ReleaseMode.Staggered && _title.Pins.TryGetValue(_title.LeadRegion, out var leadPin))
        {
            foreach (var (regionId, pin) in _title.Pins)
            {
                var days = Period.DaysBetween(leadPin, pin);
                if (days < 0 || days > _title.StaggerMaxDays)
                {
                    _parser.Add(
                        PinPath(regionId),
                        Messages.StaggeredPinOutsideLead(_title.Id, regionId, Text(pin), _title.LeadRegion, Text(leadPin), _title.StaggerMaxDays));
                }
            }
        }
    }

    private string PinPath(string regionId)
    {
        var pinned = JsonPath.Property(_path, "pinned");
        return _title.Pins.Values.Distinct().Count() == 1 && _title.Pins.Count == _title.Regions.Count
            ? pinned
            : JsonPath.Property(pinned, regionId);
    }

    private static string Text(LocalDate date) => FieldParser.Format(date);
}
