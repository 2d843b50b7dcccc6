using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Workbooks.Plans;

namespace Scheduler.Application.Workbooks;

/// <summary>A plan rebuilt from an edited plan workbook and the verifier's verdict, or why it could not be rebuilt.</summary>
public sealed record EditedPlanCheck(Plan? Plan, PlanVerification? Verification, ImmutableArray<string> Errors)
{
    /// <summary>Where the workbook holds each violation's releases: the date cells of its (title, region) rows.</summary>
    public ImmutableDictionary<PlanViolation, ImmutableArray<string>> Places { get; init; } = ImmutableDictionary<PlanViolation, ImmutableArray<string>>.Empty;
}

/// <summary>
/// Plans a planner edited in Excel (docs/workbooks.md): the Releases sheet's dates rebuilt into a
/// plan (values, instants and figures recomputed) and verified like any plan; the edited dates as
/// pins for a replan.
/// </summary>
public static class EditedPlans
{
    /// <summary>The workbook's releases as a plan of <paramref name="input"/>'s scenario, verified.</summary>
    public static EditedPlanCheck Check(ScenarioInput input, EditedPlan edited, Instant now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(edited);
        if (!edited.IsValid)
        {
            return new EditedPlanCheck(null, null, edited.Errors);
        }

        var scenario = input.Scenario;
        var errors = Unknown(scenario, edited).ToList();
        var assignments = new List<Assignment>();
        foreach (var rows in edited.Releases.Where(r => scenario.TitlesById.ContainsKey(r.Title)).GroupBy(r => r.Title, StringComparer.Ordinal))
        {
            var title = scenario.TitlesById[rows.Key];
            var modes = rows.Select(r => r.Mode).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var mode = modes.Count == 1 ? modes[0] : title.Release switch
            {
                ReleaseMode.Global when modes.Count == 0 => PlanModes.Global,
                ReleaseMode.Staggered when modes.Count == 0 => PlanModes.Staggered,
                _ => null,
            };
            if (mode is not (PlanModes.Global or PlanModes.Staggered))
            {
                errors.Add(modes.Count > 1
                    ? $"{rows.First().Place}: title '{title.Id}' is {string.Join(" in one row and ", modes)} in another; a title has one mode"
                    : $"{rows.First().Place}: title '{title.Id}' needs its mode, {PlanModes.Global} or {PlanModes.Staggered}, in column 'mode'");
                continue;
            }

            // A title that offers formats is in one of them, the same in every row.
            var formats = rows.Select(r => r.Format).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var offered = title.Formats.Select(f => f.Id).ToList();
            if (offered.Count > 0 && (formats.Count != 1 || !offered.Contains(formats[0])))
            {
                errors.Add(formats.Count > 1
                    ? $"{rows.First().Place}: title '{title.Id}' is in format {string.Join(" in one row and ", formats)} in another; a title has one format"
                    : $"{rows.First().Place}: title '{title.Id}' needs its format, one of {string.Join(", ", offered)}, in column 'format'{(formats.Count == 1 ? $" (not '{formats[0]}')" : "")}");
                continue;
            }

            assignments.Add(new Assignment(title.Id, mode, rows.Where(r => scenario.RegionsById.ContainsKey(r.Region)).ToImmutableDictionary(r => r.Region, r => r.Date, StringComparer.Ordinal))
            {
                Format = offered.Count > 0 ? formats[0] : null,
            });
        }

        if (errors.Count > 0)
        {
            return new EditedPlanCheck(null, null, [.. errors]);
        }

        // Each title in the format its rows name, so that the plan is valued and written in it.
        var values = new ValueModel(PlanFormats.Resolve(scenario, assignments.Where(a => a.Format is not null).ToDictionary(a => a.TitleId, a => a.Format!, StringComparer.Ordinal)));
        var plan = PlanFactory.Create(values, input.Info, assignments, kpis => new PlanSolver("workbook", "edited", kpis.Objective, null, null, 0, 0, 0), now);
        var verification = new PlanVerifier(values).Verify(plan);
        var places = edited.Releases.ToDictionary(r => (r.Title, r.Region), r => r.Place);
        return new EditedPlanCheck(plan, verification, [])
        {
            Places = verification.Violations.Distinct().ToImmutableDictionary(
                v => v,
                v => places.Where(p => v.Titles.Contains(p.Key.Title) && (v.Regions.IsEmpty || v.Regions.Contains(p.Key.Region))).Select(p => p.Value).ToImmutableArray()),
        };
    }

    /// <summary>
    /// The scenario changes that pin every edited release on its new date (a merge patch, as a
    /// variant's changes): each edited title's pins are its scenario pins with the edits laid over them.
    /// </summary>
    public static JsonObject PinChanges(Scenario scenario, EditedPlan edited)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(edited);
        var titles = new JsonArray();
        foreach (var rows in edited.Releases.Where(r => r.IsEdited).GroupBy(r => r.Title, StringComparer.Ordinal))
        {
            var pins = new JsonObject();
            var existing = scenario.TitlesById.TryGetValue(rows.Key, out var title) ? title.Pins : ImmutableDictionary<string, LocalDate>.Empty;
            foreach (var (region, date) in existing.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                pins[region] = LocalDatePattern.Iso.Format(date);
            }

            foreach (var row in rows)
            {
                pins[row.Region] = LocalDatePattern.Iso.Format(row.Date);
            }

            titles.Add(new JsonObject { ["id"] = rows.Key, ["pinned"] = pins });
        }

        return new JsonObject { ["titles"] = titles };
    }

    private static IEnumerable<string> Unknown(Scenario scenario, EditedPlan edited)
    {
        foreach (var row in edited.Releases)
        {
            if (!scenario.TitlesById.TryGetValue(row.Title, out var title))
            {
                yield return $"{row.Place}: title '{row.Title}' is not in scenario '{scenario.Name}'";
            }
            else if (!scenario.RegionsById.ContainsKey(row.Region))
            {
                yield return $"{row.Place}: region '{row.Region}' is not in scenario '{scenario.Name}'";
            }
            else if (!title.Regions.Contains(row.Region))
            {
                yield return $"{row.Place}: title '{row.Title}' may not be released in region '{row.Region}' (its regions are {string.Join(", ", title.Regions)})";
            }
        }
    }
}
