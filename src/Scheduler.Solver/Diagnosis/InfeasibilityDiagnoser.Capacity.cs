using System.Globalization;
using Scheduler.Core.Domain;
using Scheduler.Core.Rules;

namespace Scheduler.Solver.Diagnosis;

// Rules 5, 6 and 12 in aggregate: the titles that must release in a region within a stretch of days
// against what those days hold (Hall's condition on intervals).
public sealed partial class InfeasibilityDiagnoser
{
    // A slate over capacity everywhere is told by its worst regions, not by each of 190.
    private const int RegionsTold = 5;

    // Rule 5 against rule 2: more titles must release within one stretch of dates than its days can hold.
    private IEnumerable<RuleConflict> CapacityOverDays()
    {
        var perDay = _scenario.Capacity.PerDay;
        return Worst(_scenario.Regions.Select(region => Overfull(region, t => true, (from, to, days) => perDay * days.Count(from, to), pinned => pinned > perDay) is { } found
            ? (found.Excess, new RuleConflict(
                [HardRules.DailyCapacity, HardRules.Window],
                string.Create(CultureInfo.InvariantCulture, $"{Titles(found.Titles, "title")} must all release in region {region.Id} {Stretch(found)}, which has {Days(found.Days)} for {perDay} a day")))
            : default));
    }

    // Rules 5 and 6 against rule 2: more tentpoles must release within one stretch of dates than its days can hold apart.
    private IEnumerable<RuleConflict> TentpolesOverDays()
    {
        var capacity = _scenario.Capacity;
        var spacing = capacity.TentpoleSpacingDays;
        if (!_scenario.Titles.Any(t => t.Tentpole && !t.Optional))
        {
            return [];
        }

        return Worst(_scenario.Regions.Select(region => Overfull(region, t => t.Tentpole, (from, to, days) => spacing > 0 ? Math.Min(1, capacity.TentpolesPerDay) * days.Spaced(from, to, spacing) : capacity.TentpolesPerDay * days.Count(from, to), pinned => pinned > capacity.TentpolesPerDay) is { } found
            ? (found.Excess, new RuleConflict(
                spacing > 0 ? [HardRules.TentpoleSpacing, HardRules.Window] : [HardRules.DailyTentpoles, HardRules.Window],
                string.Create(CultureInfo.InvariantCulture, $"{Titles(found.Titles, "tentpole")} must all release in region {region.Id} {Stretch(found)}, whose {Days(found.Days)} {(found.Days == 1 ? "holds" : "hold")} at most {found.Capacity} {(found.Capacity == 1 ? "tentpole" : "tentpoles")} {(spacing > 0 ? $"{spacing} days apart" : $"at {capacity.TentpolesPerDay} a day")}")))
            : default));
    }

    // Rule 12 against rule 2: more titles of a spacing group must release within one stretch of dates than its days hold minDays apart.
    private IEnumerable<RuleConflict> GroupsOverDays()
    {
        foreach (var group in _scenario.SpacingGroups.Where(g => g.MinDays > 0))
        {
            var conflicts = Worst(_scenario.Regions.Where(r => group.HoldsIn(r.Id)).Select(region => Overfull(region, group.Selects, (from, to, days) => days.Spaced(from, to, group.MinDays), _ => false) is { } found
                ? (found.Excess, new RuleConflict(
                    [HardRules.SpacingGroup, HardRules.Window],
                    string.Create(CultureInfo.InvariantCulture, $"{Titles(found.Titles, "title")} of spacing group '{group.Id}' must all release in region {region.Id} {Stretch(found)}, whose {Days(found.Days)} {(found.Days == 1 ? "holds" : "hold")} at most {found.Capacity} of them {group.MinDays} days apart")))
                : default));
            foreach (var conflict in conflicts)
            {
                yield return conflict;
            }
        }
    }

    private static IEnumerable<RuleConflict> Worst(IEnumerable<(int Excess, RuleConflict? Conflict)> regions)
        => regions.Where(r => r.Conflict is not null).OrderByDescending(r => r.Excess).Take(RegionsTold).Select(r => r.Conflict!);

    /// <summary>
    /// The stretch of days in <paramref name="region"/> whose non-optional titles (those that
    /// <paramref name="counts"/>) must all release inside it, beyond what <paramref name="capacity"/>
    /// says its days hold, by the most; null when every stretch holds its titles. A single day whose
    /// titles are all pinned to it is left to the pin squeeze when it tells it (<paramref name="toldAsPinSqueeze"/>, given their number).
    /// </summary>
    private Overflow? Overfull(Region region, Func<Title, bool> counts, Func<int, int, ReleaseDays, int> capacity, Func<int, bool> toldAsPinSqueeze)
    {
        _cancellation.ThrowIfCancellationRequested();
        var titles = _scenario.Titles
            .Select(title => (Title: title, Span: !title.Optional && counts(title) && title.IsReleasedIn(region.Id) ? _spans.Of(title, region.Id) : null))
            .Where(t => t.Span is not null)
            .Select(t => (t.Title.Id, t.Span!.Value.First, t.Span.Value.Last, Pinned: t.Title.Pins.ContainsKey(region.Id)))
            .OrderBy(t => t.Last)
            .ToList();
        if (titles.Count < 2)
        {
            return null;
        }

        var days = new ReleaseDays(_spans.Calendar, region);
        Overflow? worst = null;
        foreach (var from in titles.Select(t => t.First).Distinct())
        {
            var inside = 0;
            for (var i = 0; i < titles.Count; i++)
            {
                if (titles[i].Last < from)
                {
                    continue; // ends before the stretch begins
                }

                inside += titles[i].First >= from ? 1 : 0;
                if (i + 1 < titles.Count && titles[i + 1].Last == titles[i].Last)
                {
                    continue; // the stretch ends after every title that ends on this day
                }

                var to = titles[i].Last;
                if (from == to && titles.Where(t => t.First == from && t.Last == to).ToList() is var day && day.All(t => t.Pinned) && toldAsPinSqueeze(day.Count))
                {
                    continue; // titles pinned to one day: told as a pin squeeze
                }

                var holds = capacity(from, to, days);
                if (inside > holds && (worst is null || inside - holds > worst.Excess || (inside - holds == worst.Excess && to - from < worst.To - worst.From)))
                {
                    worst = new Overflow(from, to, inside - holds, holds, days.Count(from, to), [.. titles.Where(t => t.First >= from && t.Last <= to).Select(t => t.Id).Order(StringComparer.Ordinal)]);
                }
            }
        }

        return worst;
    }

    private string Stretch(Overflow found) => found.From == found.To
        ? $"on {Text(_spans.Calendar.Date(found.From))}"
        : $"between {Text(_spans.Calendar.Date(found.From))} and {Text(_spans.Calendar.Date(found.To))}";

    private static string Days(int count) => count == 1 ? "1 release day" : $"{count} release days";

    private sealed record Overflow(int From, int To, int Excess, int Capacity, int Days, List<string> Titles);

    /// <summary>A region's release days on the horizon's calendar: how many fall in a stretch, and how many can be taken a spacing apart.</summary>
    private sealed class ReleaseDays
    {
        private readonly int[] _before;
        private readonly int[] _next;

        public ReleaseDays(Model.Calendar calendar, Region region)
        {
            _before = new int[calendar.Days + 1];
            _next = new int[calendar.Days + 1];
            for (var day = 0; day < calendar.Days; day++)
            {
                _before[day + 1] = _before[day] + (region.IsReleaseDay(calendar.Date(day)) ? 1 : 0);
            }

            _next[calendar.Days] = calendar.Days;
            for (var day = calendar.Days - 1; day >= 0; day--)
            {
                _next[day] = region.IsReleaseDay(calendar.Date(day)) ? day : _next[day + 1];
            }
        }

        public int Count(int from, int to) => _before[to + 1] - _before[from];

        /// <summary>The most release days of the stretch that are pairwise at least <paramref name="spacing"/> days apart (taken earliest first).</summary>
        public int Spaced(int from, int to, int spacing)
        {
            var taken = 0;
            for (var day = _next[from]; day <= to; day = day + spacing < _next.Length ? _next[day + spacing] : int.MaxValue)
            {
                taken++;
            }

            return taken;
        }
    }
}
