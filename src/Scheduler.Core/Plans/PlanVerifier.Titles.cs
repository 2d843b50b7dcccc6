using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Plans;

// The rules that concern one title at a time: its regions (1), its window (2), its calendar (3),
// its mode (4), its pins (8) and its sequel gaps (7).
public sealed partial class PlanVerifier
{
    // Rule 1: every title that is not optional is released once in each of its regions; an optional one in all or none.
    // A partial plan may leave out a title that is not optional when it lists it as left out.
    private static void CheckCoverage(Title title, Dictionary<string, LocalDate> dates, TitlePlan? row, bool listedLeftOut, ViolationList violations)
    {
        foreach (var region in dates.Keys.Where(r => !title.IsReleasedIn(r)))
        {
            violations.Break(HardRules.OncePerRegion, $"title '{title.Id}' is released in region '{region}', which is not one of its regions", [title.Id], [region]);
        }

        var missing = title.Regions.Where(r => !dates.ContainsKey(r)).ToList();
        if (listedLeftOut && dates.Count > 0)
        {
            violations.Misreport($"leftOut: '{title.Id}' is listed as left out but is released", [title.Id]);
        }
        else if (dates.Count == 0 && !title.Optional && !listedLeftOut)
        {
            violations.Break(HardRules.OncePerRegion, $"title '{title.Id}' is not optional but is not released", [title.Id]);
        }
        else if (dates.Count > 0 && missing.Count > 0)
        {
            violations.Break(HardRules.OncePerRegion, $"title '{title.Id}' is released in some regions but not in {string.Join(", ", missing)}", [title.Id], missing);
        }

        if (row is not null && row.Scheduled != (dates.Count > 0))
        {
            violations.Misreport($"titles: '{title.Id}' is marked {(row.Scheduled ? "scheduled" : "not scheduled")} but has {dates.Count} releases", [title.Id]);
        }
    }

    // Rules 2 and 3: inside the window, on a release day, not on a blackout date.
    private void CheckWindowsAndCalendar(Title title, Dictionary<string, LocalDate> dates, ViolationList violations)
    {
        foreach (var (regionId, date) in dates.Where(d => title.IsReleasedIn(d.Key)))
        {
            var window = _scenario.WindowOf(title, regionId);
            if (window is null || !window.Contains(date))
            {
                violations.Break(HardRules.Window, $"title '{title.Id}' is released in '{regionId}' on {Text(date)}, outside its window {WindowText(window)}", [title.Id], [regionId], [date]);
            }

            var region = _scenario.RegionsById[regionId];
            if (!region.ReleaseDays.Contains(date.DayOfWeek))
            {
                violations.Break(HardRules.ReleaseDays, $"title '{title.Id}' is released in '{regionId}' on {Text(date)}, a {date.DayOfWeek}, not a release day there", [title.Id], [regionId], [date]);
            }
            else if (region.BlackoutDates.Contains(date))
            {
                violations.Break(HardRules.ReleaseDays, $"title '{title.Id}' is released in '{regionId}' on {Text(date)}, a blackout date there", [title.Id], [regionId], [date]);
            }
        }
    }

    // Rule 4: a global release has one date; a staggered one keeps every region within the stagger window after the lead.
    private static void CheckMode(Title title, Dictionary<string, LocalDate> dates, TitlePlan? row, ViolationList violations)
    {
        var mode = row?.Mode;
        if (mode is not (PlanModes.Global or PlanModes.Staggered))
        {
            violations.Break(HardRules.Mode, $"title '{title.Id}' has mode '{mode}', expected global or staggered", [title.Id]);
            return;
        }

        if ((title.Release == ReleaseMode.Global && mode != PlanModes.Global) || (title.Release == ReleaseMode.Staggered && mode != PlanModes.Staggered))
        {
            violations.Break(HardRules.Mode, $"title '{title.Id}' must be released {(title.Release == ReleaseMode.Global ? PlanModes.Global : PlanModes.Staggered)} but is {mode}", [title.Id]);
        }

        LocalDate launch;
        if (mode == PlanModes.Global)
        {
            launch = dates.Values.Min();
            if (dates.Values.Distinct().Count() > 1)
            {
                var ordered = dates.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
                violations.Break(
                    HardRules.Mode,
                    $"global title '{title.Id}' has different dates: {string.Join(", ", ordered.Select(d => $"{d.Key} {Text(d.Value)}"))}",
                    [title.Id],
                    ordered.Select(d => d.Key),
                    ordered.Select(d => d.Value).Distinct().Order());
            }
        }
        else
        {
            if (!dates.TryGetValue(title.LeadRegion, out launch))
            {
                return;
            }

            foreach (var (regionId, date) in dates)
            {
                var days = Period.DaysBetween(launch, date);
                if (days < 0 || days > title.StaggerMaxDays)
                {
                    violations.Break(
                        HardRules.StaggerWindow,
                        $"staggered title '{title.Id}' releases in '{regionId}' on {Text(date)}, not within {title.StaggerMaxDays} days after its lead region '{title.LeadRegion}' ({Text(launch)})",
                        [title.Id],
                        [regionId, title.LeadRegion],
                        [date, launch]);
                }
            }
        }

        if (row?.LaunchDate != launch)
        {
            violations.Misreport($"titles: '{title.Id}' reports launch date {(row?.LaunchDate is { } d ? Text(d) : "null")}, but its launch is {Text(launch)}", [title.Id], dates: [launch]);
        }
    }

    // Rule 8: announced dates are kept exactly.
    private static void CheckPins(Title title, Dictionary<string, LocalDate> dates, ViolationList violations)
    {
        foreach (var (regionId, pin) in title.Pins)
        {
            if (dates.TryGetValue(regionId, out var date) && date != pin)
            {
                violations.Break(HardRules.Pin, $"title '{title.Id}' is pinned to {Text(pin)} in '{regionId}' but released on {Text(date)}", [title.Id], [regionId], [pin, date]);
            }
        }
    }

    // Rule 7, extended: sequel gaps hold in every region where both titles release, counted from
    // the predecessor's last drop (a season starts after the previous one's finale).
    private void CheckSequels(Title title, Dictionary<string, LocalDate> dates, Dictionary<string, Dictionary<string, LocalDate>> releases, ViolationList violations)
    {
        foreach (var gap in title.After)
        {
            if (!releases.TryGetValue(gap.TitleId, out var before))
            {
                continue;
            }

            var predecessor = _scenario.TitlesById[gap.TitleId];
            var finaleAfter = (predecessor.Drops - 1) * predecessor.DropIntervalDays;
            foreach (var (regionId, date) in dates)
            {
                if (before.TryGetValue(regionId, out var earlier) && Period.DaysBetween(earlier.PlusDays(finaleAfter), date) < gap.MinGapDays)
                {
                    var from = finaleAfter == 0 ? Text(earlier) : $"premiere {Text(earlier)}, last drop {Text(earlier.PlusDays(finaleAfter))}";
                    violations.Break(
                        HardRules.SequelGap,
                        $"title '{title.Id}' is released in '{regionId}' on {Text(date)}, less than {gap.MinGapDays} days after '{gap.TitleId}' ({from})",
                        [title.Id, gap.TitleId],
                        [regionId],
                        [earlier, date]);
                }
            }
        }
    }
}
