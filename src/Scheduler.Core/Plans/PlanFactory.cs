using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Domain;
using Scheduler.Core.Values;

namespace Scheduler.Core.Plans;

/// <summary>
/// Turns an engine's assignments into a <see cref="Plan"/>: values from the value model, publish
/// instants by rule 10, KPIs and the contract's sort orders. Engines decide; this writes it down.
/// A title with formats is written in the format it stands in in the value model's scenario, which
/// the engine has put in the format it chose (<see cref="PlanFormats"/>).
/// </summary>
public static class PlanFactory
{
    public static Plan Create(
        ValueModel values,
        PlanScenario scenarioInfo,
        IEnumerable<Assignment> assignments,
        Func<PlanKpis, PlanSolver> solver,
        Instant generatedAt,
        ReplanContext? replan = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(solver);
        var scenario = values.Scenario;
        var byTitle = assignments.ToDictionary(a => a.TitleId, StringComparer.Ordinal);

        var releases = new List<ReleasePlan>();
        var clashInput = new List<(Title, string, LocalDate)>();
        foreach (var assignment in byTitle.Values)
        {
            var title = scenario.TitlesById[assignment.TitleId];
            foreach (var (regionId, date) in assignment.Dates)
            {
                Func<LocalDate, Instant> publishAt = assignment.Mode == PlanModes.Global
                    ? scenario.GlobalLaunch.PublishAt
                    : scenario.RegionsById[regionId].PublishAt;
                releases.Add(new ReleasePlan(title.Id, regionId, date, publishAt(date), values.Value(title, regionId, date))
                {
                    Drops = title.Drops == 1
                        ? []
                        : [.. Enumerable.Range(0, title.Drops).Select(index => new ReleaseDrop(index, title.DropDate(date, index), publishAt(title.DropDate(date, index))))],
                });
                clashInput.Add((title, regionId, date));
            }
        }

        releases.Sort(ReleaseOrder);
        var titleValues = releases.GroupBy(r => r.Title, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal);
        var titles = scenario.Titles
            .OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => byTitle.TryGetValue(t.Id, out var a)
                ? new TitlePlan(t.Id, true, a.Mode, LaunchDate(t, a), titleValues.GetValueOrDefault(t.Id)) { Format = t.Format }
                : new TitlePlan(t.Id, false, null, null, 0))
            .ToImmutableArray();

        var value = releases.Sum(r => r.Value);
        var clash = values.ClashCost(clashInput);
        var scheduled = titles.Count(t => t.Scheduled);
        var modes = titles.ToDictionary(t => t.Id, t => t.Mode, StringComparer.Ordinal);
        var moveCost = replan is null ? 0 : replan.MoveCost * replan.Moves(releases, modes).Count();
        var kpis = new PlanKpis(value, clash, moveCost, value - clash - moveCost, releases.Count, scheduled, titles.Length - scheduled);
        return new Plan(scenarioInfo, generatedAt, solver(kpis), kpis, titles, [.. releases]);
    }

    /// <summary>The contract's release order: date, then region id, then title id.</summary>
    public static int ReleaseOrder(ReleasePlan a, ReleasePlan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byDate = a.Date.CompareTo(b.Date);
        if (byDate != 0)
        {
            return byDate;
        }

        var byRegion = string.CompareOrdinal(a.Region, b.Region);
        return byRegion != 0 ? byRegion : string.CompareOrdinal(a.Title, b.Title);
    }

    private static LocalDate LaunchDate(Title title, Assignment assignment)
        => assignment.Mode == PlanModes.Global ? assignment.Dates.Values.First()
            : assignment.Dates.TryGetValue(title.LeadRegion, out var lead) ? lead
            : assignment.Dates.Values.Min(); // a plan of record from before the lead region changed
}
