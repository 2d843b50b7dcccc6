using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Values;

namespace Scheduler.Core.Plans;

/// <summary>
/// Checks a plan against its scenario: every hard rule (1-10) with its extensions for weekly and
/// batched drops and rights that end by territory (formats.md), the publish instants of every
/// drop and every reported number. It is written apart from the optimizer and shares only the value model with
/// it, so that a bug in one is caught by the other. No plan is written, stored or published
/// without passing it.
/// </summary>
public sealed class PlanVerifier
{
    private const double Tolerance = 1e-6;

    private readonly Scenario _scenario;
    private readonly ValueModel _values;

    public PlanVerifier(ValueModel values)
    {
        _values = values ?? throw new ArgumentNullException(nameof(values));
        _scenario = values.Scenario;
    }

    /// <param name="plan">The plan to check.</param>
    /// <param name="replan">For a replan: the plan of record it must respect (replan rules 1-3 and 5).</param>
    public PlanVerification Verify(Plan plan, ReplanContext? replan = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var violations = new List<string>();
        var releases = IndexReleases(plan, violations);
        var titleRows = IndexTitles(plan, violations);

        foreach (var title in _scenario.Titles)
        {
            var dates = releases.GetValueOrDefault(title.Id) ?? [];
            var row = titleRows.GetValueOrDefault(title.Id);
            CheckCoverage(title, dates, row, violations);
            if (dates.Count == 0)
            {
                continue;
            }

            CheckWindowsAndCalendar(title, dates, violations);
            CheckMode(title, dates, row, violations);
            CheckPins(title, dates, violations);
            CheckSequels(title, dates, releases, violations);
        }

        CheckCapacity(plan, violations);
        CheckTentpoleSpacing(plan, violations);
        CheckMarketing(plan, titleRows, violations);
        CheckInstants(plan, titleRows, violations);
        CheckDrops(plan, titleRows, violations);
        CheckNumbers(plan, violations);
        if (replan is not null)
        {
            CheckReplan(plan, replan, violations);
        }

        return new PlanVerification([.. violations]);
    }

    // Replan rules: published and frozen releases stay as they are; nothing else lands in the
    // frozen window; every move is charged.
    private void CheckReplan(Plan plan, ReplanContext replan, List<string> violations)
    {
        var releases = plan.Releases.ToDictionary(r => (r.Title, r.Region));
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode, StringComparer.Ordinal);
        var fixedKeys = new HashSet<(string, string)>();
        foreach (var kept in replan.Fixed.Where(p => _scenario.TitlesById.TryGetValue(p.Title, out var t) && t.IsReleasedIn(p.Region)))
        {
            fixedKeys.Add((kept.Title, kept.Region));
            var why = kept.Published ? "published" : "frozen";
            if (!releases.TryGetValue((kept.Title, kept.Region), out var now) || now.Date != kept.Date || modes.GetValueOrDefault(kept.Title) != kept.Mode)
            {
                violations.Add($"replan rule {(kept.Published ? 1 : 2)}: the {why} release of '{kept.Title}' in '{kept.Region}' on {Text(kept.Date)} ({kept.Mode}) was changed");
            }
        }

        // A published drop is a fact too: the release still lists it, on the same date.
        foreach (var published in replan.PreviousDrops.Where(d => d.Published && fixedKeys.Contains((d.Title, d.Region))))
        {
            if (!releases.TryGetValue((published.Title, published.Region), out var now)
                || published.Index >= now.Drops.Length || now.Drops[published.Index].Date != published.Date)
            {
                violations.Add($"replan rule 1: the published drop {published.Index} of '{published.Title}' in '{published.Region}' on {Text(published.Date)} was changed");
            }
        }

        foreach (var release in plan.Releases.Where(r => !fixedKeys.Contains((r.Title, r.Region)) && r.PublishAt < replan.FrozenUntil))
        {
            violations.Add($"replan rule 3: {Describe(release)} publishes at {InstantPattern.General.Format(release.PublishAt)}, inside the frozen window ending {InstantPattern.General.Format(replan.FrozenUntil)}");
        }

        Compare("kpis.moveCost", plan.Kpis.MoveCost, replan.MoveCost * CountMoves(plan, replan, modes), violations);
    }

    // Replan rule 5, counted here rather than by the code that charged it: a (title, region) of
    // the plan of record released at another date or in another mode.
    private static int CountMoves(Plan plan, ReplanContext replan, Dictionary<string, string?> modes)
    {
        var before = new Dictionary<(string Title, string Region), (LocalDate Date, string Mode)>();
        foreach (var previous in replan.Previous)
        {
            before[(previous.Title, previous.Region)] = (previous.Date, previous.Mode);
        }

        var moves = 0;
        foreach (var release in plan.Releases)
        {
            if (before.TryGetValue((release.Title, release.Region), out var was)
                && (was.Date != release.Date || was.Mode != modes.GetValueOrDefault(release.Title)))
            {
                moves++;
            }
        }

        return moves;
    }

    private Dictionary<string, Dictionary<string, LocalDate>> IndexReleases(Plan plan, List<string> violations)
    {
        var result = new Dictionary<string, Dictionary<string, LocalDate>>(StringComparer.Ordinal);
        ReleasePlan? previous = null;
        foreach (var release in plan.Releases)
        {
            if (previous is not null && !InContractOrder(previous, release))
            {
                violations.Add($"releases are not sorted by date, region, title: {Describe(previous)} comes before {Describe(release)}");
            }

            previous = release;
            if (!_scenario.TitlesById.ContainsKey(release.Title))
            {
                violations.Add($"release of unknown title '{release.Title}'");
                continue;
            }

            if (!_scenario.RegionsById.ContainsKey(release.Region))
            {
                violations.Add($"release of '{release.Title}' in unknown region '{release.Region}'");
                continue;
            }

            var dates = result.TryGetValue(release.Title, out var existing) ? existing : result[release.Title] = new(StringComparer.Ordinal);
            if (!dates.TryAdd(release.Region, release.Date))
            {
                violations.Add($"rule 1: title '{release.Title}' is released twice in region '{release.Region}'");
            }
        }

        return result;
    }

    private Dictionary<string, TitlePlan> IndexTitles(Plan plan, List<string> violations)
    {
        var result = new Dictionary<string, TitlePlan>(StringComparer.Ordinal);
        foreach (var row in plan.Titles)
        {
            if (!_scenario.TitlesById.ContainsKey(row.Id))
            {
                violations.Add($"titles lists unknown title '{row.Id}'");
            }
            else if (!result.TryAdd(row.Id, row))
            {
                violations.Add($"titles lists '{row.Id}' twice");
            }
        }

        if (!plan.Titles.Select(t => t.Id).SequenceEqual(plan.Titles.Select(t => t.Id).Order(StringComparer.Ordinal)))
        {
            violations.Add("titles are not sorted by id");
        }

        foreach (var missing in _scenario.Titles.Where(t => !result.ContainsKey(t.Id)))
        {
            violations.Add($"titles has no row for title '{missing.Id}'");
        }

        return result;
    }

    // Rule 1: every title that is not optional is released once in each of its regions; an optional one in all or none.
    private static void CheckCoverage(Title title, Dictionary<string, LocalDate> dates, TitlePlan? row, List<string> violations)
    {
        foreach (var region in dates.Keys.Where(r => !title.IsReleasedIn(r)))
        {
            violations.Add($"rule 1: title '{title.Id}' is released in region '{region}', which is not one of its regions");
        }

        var missing = title.Regions.Where(r => !dates.ContainsKey(r)).ToList();
        if (dates.Count == 0 && !title.Optional)
        {
            violations.Add($"rule 1: title '{title.Id}' is not optional but is not released");
        }
        else if (dates.Count > 0 && missing.Count > 0)
        {
            violations.Add($"rule 1: title '{title.Id}' is released in some regions but not in {string.Join(", ", missing)}");
        }

        if (row is not null && row.Scheduled != (dates.Count > 0))
        {
            violations.Add($"titles: '{title.Id}' is marked {(row.Scheduled ? "scheduled" : "not scheduled")} but has {dates.Count} releases");
        }
    }

    // Rules 2 and 3: inside the window, on a release day, not on a blackout date.
    private void CheckWindowsAndCalendar(Title title, Dictionary<string, LocalDate> dates, List<string> violations)
    {
        foreach (var (regionId, date) in dates.Where(d => title.IsReleasedIn(d.Key)))
        {
            var window = _scenario.WindowOf(title, regionId);
            if (window is null || !window.Contains(date))
            {
                violations.Add($"rule 2: title '{title.Id}' is released in '{regionId}' on {Text(date)}, outside its window {WindowText(window)}");
            }

            var region = _scenario.RegionsById[regionId];
            if (!region.ReleaseDays.Contains(date.DayOfWeek))
            {
                violations.Add($"rule 3: title '{title.Id}' is released in '{regionId}' on {Text(date)}, a {date.DayOfWeek}, not a release day there");
            }
            else if (region.BlackoutDates.Contains(date))
            {
                violations.Add($"rule 3: title '{title.Id}' is released in '{regionId}' on {Text(date)}, a blackout date there");
            }
        }
    }

    // Rule 4: a global release has one date; a staggered one keeps every region within the stagger window after the lead.
    private static void CheckMode(Title title, Dictionary<string, LocalDate> dates, TitlePlan? row, List<string> violations)
    {
        var mode = row?.Mode;
        if (mode is not (PlanModes.Global or PlanModes.Staggered))
        {
            violations.Add($"rule 4: title '{title.Id}' has mode '{mode}', expected global or staggered");
            return;
        }

        if ((title.Release == ReleaseMode.Global && mode != PlanModes.Global) || (title.Release == ReleaseMode.Staggered && mode != PlanModes.Staggered))
        {
            violations.Add($"rule 4: title '{title.Id}' must be released {(title.Release == ReleaseMode.Global ? PlanModes.Global : PlanModes.Staggered)} but is {mode}");
        }

        LocalDate launch;
        if (mode == PlanModes.Global)
        {
            launch = dates.Values.Min();
            if (dates.Values.Distinct().Count() > 1)
            {
                violations.Add($"rule 4: global title '{title.Id}' has different dates: {string.Join(", ", dates.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {Text(d.Value)}"))}");
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
                    violations.Add($"rule 4: staggered title '{title.Id}' releases in '{regionId}' on {Text(date)}, not within {title.StaggerMaxDays} days after its lead region '{title.LeadRegion}' ({Text(launch)})");
                }
            }
        }

        if (row?.LaunchDate != launch)
        {
            violations.Add($"titles: '{title.Id}' reports launch date {(row?.LaunchDate is { } d ? Text(d) : "null")}, but its launch is {Text(launch)}");
        }
    }

    // Rule 8: announced dates are kept exactly.
    private static void CheckPins(Title title, Dictionary<string, LocalDate> dates, List<string> violations)
    {
        foreach (var (regionId, pin) in title.Pins)
        {
            if (dates.TryGetValue(regionId, out var date) && date != pin)
            {
                violations.Add($"rule 8: title '{title.Id}' is pinned to {Text(pin)} in '{regionId}' but released on {Text(date)}");
            }
        }
    }

    // Rule 7, extended: sequel gaps hold in every region where both titles release, counted from
    // the predecessor's last drop (a season starts after the previous one's finale).
    private void CheckSequels(Title title, Dictionary<string, LocalDate> dates, Dictionary<string, Dictionary<string, LocalDate>> releases, List<string> violations)
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
                    violations.Add($"rule 7: title '{title.Id}' is released in '{regionId}' on {Text(date)}, less than {gap.MinGapDays} days after '{gap.TitleId}' ({from})");
                }
            }
        }
    }

    // Rule 5: per region and date, at most perDay releases and tentpolesPerDay tentpoles.
    private void CheckCapacity(Plan plan, List<string> violations)
    {
        foreach (var group in plan.Releases.Where(Known).GroupBy(r => (r.Region, r.Date)).OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Region, StringComparer.Ordinal))
        {
            var titles = group.Select(r => r.Title).ToList();
            if (titles.Count > _scenario.Capacity.PerDay)
            {
                violations.Add($"rule 5: {titles.Count} releases in '{group.Key.Region}' on {Text(group.Key.Date)} ({string.Join(", ", titles)}), where perDay is {_scenario.Capacity.PerDay}");
            }

            var tentpoles = titles.Where(t => _scenario.TitlesById[t].Tentpole).ToList();
            if (tentpoles.Count > _scenario.Capacity.TentpolesPerDay)
            {
                violations.Add($"rule 5: {tentpoles.Count} tentpoles in '{group.Key.Region}' on {Text(group.Key.Date)} ({string.Join(", ", tentpoles)}), where tentpolesPerDay is {_scenario.Capacity.TentpolesPerDay}");
            }
        }
    }

    // Rule 6: tentpoles in one region at least tentpoleSpacingDays apart.
    private void CheckTentpoleSpacing(Plan plan, List<string> violations)
    {
        var spacing = _scenario.Capacity.TentpoleSpacingDays;
        if (spacing == 0)
        {
            return;
        }

        foreach (var region in plan.Releases.Where(r => Known(r) && _scenario.TitlesById[r.Title].Tentpole).GroupBy(r => r.Region))
        {
            var ordered = region.OrderBy(r => r.Date).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var days = Period.DaysBetween(ordered[i - 1].Date, ordered[i].Date);
                if (days < spacing)
                {
                    violations.Add($"rule 6: tentpoles '{ordered[i - 1].Title}' ({Text(ordered[i - 1].Date)}) and '{ordered[i].Title}' ({Text(ordered[i].Date)}) are {days} days apart in '{region.Key}', less than {spacing}");
                }
            }
        }
    }

    // Rule 9: the marketing spend of the titles launching in one ISO week stays within the budget.
    private void CheckMarketing(Plan plan, Dictionary<string, TitlePlan> rows, List<string> violations)
    {
        if (_scenario.Capacity.MarketingBudgetPerWeek is not { } budget)
        {
            return;
        }

        var weeks = rows.Values
            .Where(r => r.Scheduled && r.LaunchDate is not null && _scenario.TitlesById[r.Id].MarketingCost > 0)
            .GroupBy(r => IsoWeek.Of(r.LaunchDate!.Value))
            .OrderBy(g => g.Key);
        foreach (var week in weeks)
        {
            var spend = week.Sum(r => _scenario.TitlesById[r.Id].MarketingCost);
            if (spend > budget + (Tolerance * Math.Max(1, budget)))
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture, $"rule 9: marketing spend {spend} in week {week.Key} ({string.Join(", ", week.Select(r => r.Id).Order(StringComparer.Ordinal))}) exceeds the budget {budget}"));
            }
        }
    }

    // Rule 10: publishAt is the exact instant of the local release time, with the daylight-saving rules.
    private void CheckInstants(Plan plan, Dictionary<string, TitlePlan> rows, List<string> violations)
    {
        foreach (var release in plan.Releases.Where(Known))
        {
            var global = rows.TryGetValue(release.Title, out var row) && row.Mode == PlanModes.Global;
            var expected = global
                ? _scenario.GlobalLaunch.PublishAt(release.Date)
                : _scenario.RegionsById[release.Region].PublishAt(release.Date);
            if (expected != release.PublishAt)
            {
                violations.Add($"rule 10: {Describe(release)} publishes at {InstantPattern.General.Format(release.PublishAt)}, expected {InstantPattern.General.Format(expected)}");
            }
        }
    }

    // Extended rules 2, 3 and 10: drop k of a release falls on date + k * dropIntervalDays, on or
    // before the region's rights end and the horizon end, a later drop never on a blackout date,
    // and the plan lists every drop of a title with several, with its own instant.
    private void CheckDrops(Plan plan, Dictionary<string, TitlePlan> rows, List<string> violations)
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
            if (release.Drops.Length != listed)
            {
                violations.Add($"drops: {Describe(release)} lists {release.Drops.Length} drops, expected {listed}");
            }

            for (var index = 0; index < title.Drops; index++)
            {
                var date = release.Date.PlusDays(index * title.DropIntervalDays);
                var what = index == 0 ? Describe(release) : $"drop {index} of {Describe(release)}";
                if (rightsEnd is { } end && date > end)
                {
                    violations.Add($"rule 2: {what} falls on {Text(date)}, after the rights end {Text(end)} there");
                }
                else if (index > 0 && date > _scenario.Horizon.End)
                {
                    violations.Add($"rule 2: {what} falls on {Text(date)}, after the horizon end {Text(_scenario.Horizon.End)}");
                }

                if (index > 0 && region.BlackoutDates.Contains(date))
                {
                    violations.Add($"rule 3: {what} falls on {Text(date)}, a blackout date there");
                }

                if (index < release.Drops.Length)
                {
                    var drop = release.Drops[index];
                    var publishAt = global ? _scenario.GlobalLaunch.PublishAt(date) : region.PublishAt(date);
                    if (drop.Index != index || drop.Date != date)
                    {
                        violations.Add($"drops: {Describe(release)} lists drop {drop.Index} on {Text(drop.Date)} in place {index}, expected drop {index} on {Text(date)}");
                    }
                    else if (drop.PublishAt != publishAt)
                    {
                        violations.Add($"rule 10: {what} publishes at {InstantPattern.General.Format(drop.PublishAt)}, expected {InstantPattern.General.Format(publishAt)}");
                    }
                }
            }
        }
    }

    // The reported numbers: values by the value model, sums, clash cost, counts and the objective.
    private void CheckNumbers(Plan plan, List<string> violations)
    {
        foreach (var release in plan.Releases.Where(Known))
        {
            var expected = _values.Value(_scenario.TitlesById[release.Title], release.Region, release.Date);
            Compare($"value of {Describe(release)}", release.Value, expected, violations);
        }

        foreach (var row in plan.Titles)
        {
            Compare($"value of title '{row.Id}'", row.Value, plan.Releases.Where(r => r.Title == row.Id).Sum(r => r.Value), violations);
        }

        var known = plan.Releases.Where(Known).ToList();
        var clash = _values.ClashCost(known.Select(r => (_scenario.TitlesById[r.Title], r.Region, r.Date)));
        var kpis = plan.Kpis;
        Compare("kpis.value", kpis.Value, plan.Releases.Sum(r => r.Value), violations);
        Compare("kpis.clashCost", kpis.ClashCost, clash, violations);
        Compare("kpis.objective", kpis.Objective, kpis.Value - kpis.ClashCost - kpis.MoveCost, violations);
        if (kpis.MoveCost < 0)
        {
            violations.Add("kpis.moveCost is negative");
        }
        Compare("solver.objective", plan.Solver.Objective, kpis.Objective, violations);
        if (kpis.Releases != plan.Releases.Length)
        {
            violations.Add($"kpis.releases is {kpis.Releases}, but the plan has {plan.Releases.Length} releases");
        }

        var scheduled = plan.Titles.Count(t => t.Scheduled);
        if (kpis.TitlesScheduled != scheduled || kpis.TitlesUnscheduled != plan.Titles.Length - scheduled)
        {
            violations.Add($"kpis count {kpis.TitlesScheduled} scheduled and {kpis.TitlesUnscheduled} unscheduled titles, but the plan has {scheduled} and {plan.Titles.Length - scheduled}");
        }

        if (plan.Solver.Bound is { } bound && plan.Solver.Gap is { } gap)
        {
            Compare("solver.gap", gap, (bound - plan.Solver.Objective) / Math.Max(1, Math.Abs(plan.Solver.Objective)), violations);
        }
    }

    private static void Compare(string what, double reported, double expected, List<string> violations)
    {
        if (!(Math.Abs(reported - expected) <= Tolerance * Math.Max(1, Math.Abs(expected))))
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture, $"{what} is reported as {reported}, but is {expected}"));
        }
    }

    // plan.md: releases sorted by date, then region id, then title id (ordinal).
    private static bool InContractOrder(ReleasePlan first, ReleasePlan second)
    {
        if (first.Date != second.Date)
        {
            return first.Date < second.Date;
        }

        var region = string.CompareOrdinal(first.Region, second.Region);
        return region != 0 ? region < 0 : string.CompareOrdinal(first.Title, second.Title) <= 0;
    }

    private bool Known(ReleasePlan release)
        => _scenario.TitlesById.ContainsKey(release.Title) && _scenario.RegionsById.ContainsKey(release.Region);

    private static string Describe(ReleasePlan release) => $"'{release.Title}' in '{release.Region}' on {Text(release.Date)}";

    private static string Text(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string WindowText(DateInterval? window) => window is null ? "(empty)" : $"{Text(window.Start)} to {Text(window.End)}";
}
