using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Rules;

namespace Scheduler.Core.Plans;

// Publish instants (rule 10) and the drops of weekly and batched titles (rules 2, 3 and 10 as
// docs/scenario-format.md, "Release formats", extend them).
public sealed partial class PlanVerifier
{
    // Rule 10: publishAt is the exact instant of the local release time, with the daylight-saving rules.
    private void CheckInstants(Plan plan, Dictionary<string, TitlePlan> rows, ViolationList violations)
    {
        foreach (var release in plan.Releases.Where(Known))
        {
            var global = rows.TryGetValue(release.Title, out var row) && row.Mode == PlanModes.Global;
            var expected = global
                ? _scenario.GlobalLaunch.PublishAt(release.Date)
                : _scenario.RegionsById[release.Region].PublishAt(release.Date);
            if (expected != release.PublishAt)
            {
                violations.Break(
                    HardRules.PublishInstant,
                    $"{Describe(release)} publishes at {InstantPattern.General.Format(release.PublishAt)}, expected {InstantPattern.General.Format(expected)}",
                    [release.Title],
                    [release.Region],
                    [release.Date]);
            }
        }
    }

    // Drop k of a release falls on date + k * dropIntervalDays, on or before the region's rights
    // end and the horizon end, a later drop never on a blackout date, and the plan lists every
    // drop of a title with several, with its own instant.
    private void CheckDrops(Plan plan, Dictionary<string, TitlePlan> rows, ViolationList violations)
    {
        foreach (var release in plan.Releases.Where(Known))
        {
            var title = _scenario.TitlesById[release.Title];
            if (!title.IsReleasedIn(release.Region))
            {
                continue;
            }

            var region = _scenario.RegionsById[release.Region];
            var rightsEnd = title.AvailableUntil.TryGetValue(release.Region, out var until) ? until : (LocalDate?)null;
            var global = rows.TryGetValue(release.Title, out var row) && row.Mode == PlanModes.Global;
            var listed = title.Drops == 1 ? 0 : title.Drops;
            string[] titles = [release.Title];
            string[] regions = [release.Region];
            if (release.Drops.Length != listed)
            {
                violations.Misreport($"drops: {Describe(release)} lists {release.Drops.Length} drops, expected {listed}", titles, regions, [release.Date]);
            }

            for (var index = 0; index < title.Drops; index++)
            {
                var date = release.Date.PlusDays(index * title.DropIntervalDays);
                var what = index == 0 ? Describe(release) : $"drop {index} of {Describe(release)}";
                if (rightsEnd is { } end && date > end)
                {
                    violations.Break(HardRules.Window, $"{what} falls on {Text(date)}, after the rights end {Text(end)} there", titles, regions, [date, end]);
                }
                else if (index > 0 && date > _scenario.Horizon.End)
                {
                    violations.Break(HardRules.Window, $"{what} falls on {Text(date)}, after the horizon end {Text(_scenario.Horizon.End)}", titles, regions, [date]);
                }

                if (index > 0 && region.BlackoutDates.Contains(date))
                {
                    violations.Break(HardRules.ReleaseDays, $"{what} falls on {Text(date)}, a blackout date there", titles, regions, [date]);
                }

                if (index < release.Drops.Length)
                {
                    var drop = release.Drops[index];
                    var publishAt = global ? _scenario.GlobalLaunch.PublishAt(date) : region.PublishAt(date);
                    if (drop.Index != index || drop.Date != date)
                    {
                        violations.Misreport($"drops: {Describe(release)} lists drop {drop.Index} on {Text(drop.Date)} in place {index}, expected drop {index} on {Text(date)}", titles, regions, [drop.Date, date]);
                    }
                    else if (drop.PublishAt != publishAt)
                    {
                        violations.Break(
                            HardRules.PublishInstant,
                            $"{what} publishes at {InstantPattern.General.Format(drop.PublishAt)}, expected {InstantPattern.General.Format(publishAt)}",
                            titles,
                            regions,
                            [date]);
                    }
                }
            }
        }
    }
}
