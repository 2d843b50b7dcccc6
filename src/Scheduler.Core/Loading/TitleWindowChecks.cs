using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// Conflicts that can be seen without solving: an empty window, readiness after the window, a
/// region with no release day, pins off the window or off the calendar, a global title whose
/// regions share no release day or whose pins differ, staggered pins that break the stagger window.
/// </summary>
internal sealed class TitleWindowChecks
{
    private readonly TitleSpec _title;
    private readonly string _path;
    private readonly DateInterval _horizon;
    private readonly IReadOnlyDictionary<string, Region> _regions;
    private readonly FieldParser _parser;

    public TitleWindowChecks(TitleSpec title, string path, DateInterval horizon, IReadOnlyDictionary<string, Region> regions, FieldParser parser)
    {
        _title = title;
        _path = path;
        _horizon = horizon;
        _regions = regions;
        _parser = parser;
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

            var region = _regions[regionId];
            var dates = new DateInterval(regionStart, end).Where(region.IsReleaseDay).ToList();
            if (dates.Count == 0)
            {
                _parser.Add(_path, Messages.NoReleaseDay(_title.Id, regionId, Text(regionStart), Text(end)));
                continue;
            }

            releaseDates[regionId] = dates;
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
        if (!window.Contains(pin))
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
    }

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
