using System.Collections.Immutable;
using Scheduler.Core.Plans;

namespace Scheduler.Solver.Model;

/// <summary>Translates between column values and release assignments, in both directions.</summary>
internal static class ModelSolution
{
    /// <summary>The assignments a solution's column values stand for.</summary>
    public static List<Assignment> Read(ReleaseModel model, IReadOnlyList<double> values)
    {
        var calendar = model.Candidates.Calendar;
        var result = new List<Assignment>();
        foreach (var columns in model.Titles)
        {
            var title = columns.Candidates.Title;
            var global = Array.FindIndex(columns.Global, c => values[c] > 0.5);
            if (global >= 0)
            {
                var date = calendar.Date(columns.Candidates.GlobalDays[global]);
                result.Add(new Assignment(title.Id, PlanModes.Global, title.Regions.ToImmutableDictionary(r => r, _ => date)));
                continue;
            }

            var dates = ImmutableDictionary.CreateBuilder<string, NodaTime.LocalDate>(StringComparer.Ordinal);
            foreach (var (region, regionColumns) in columns.Staggered)
            {
                var chosen = Array.FindIndex(regionColumns, c => values[c] > 0.5);
                if (chosen >= 0)
                {
                    dates[region] = calendar.Date(columns.Candidates.StaggeredDays[region][chosen]);
                }
            }

            if (dates.Count > 0)
            {
                result.Add(new Assignment(title.Id, PlanModes.Staggered, dates.ToImmutable()));
            }
        }

        return result;
    }

    /// <summary>
    /// Column values for a complete set of assignments (a MIP start), or null when an assignment
    /// uses a date that is not a candidate, which means the assignments break a rule.
    /// </summary>
    public static double[]? Encode(ReleaseModel model, IEnumerable<Assignment> assignments)
    {
        var calendar = model.Candidates.Calendar;
        var values = new double[model.Mip.ColumnCount];
        var byTitle = assignments.ToDictionary(a => a.TitleId, StringComparer.Ordinal);
        var clashCounts = new Dictionary<(int Region, string Genre, int Week), int>();
        var regionIndex = model.Candidates.Scenario.Regions.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        foreach (var columns in model.Titles)
        {
            var candidates = columns.Candidates;
            if (!byTitle.TryGetValue(candidates.Title.Id, out var assignment))
            {
                continue;
            }

            if (columns.Scheduled >= 0)
            {
                values[columns.Scheduled] = 1;
            }

            if (assignment.Mode == PlanModes.Global)
            {
                var index = Array.IndexOf(candidates.GlobalDays, calendar.Day(assignment.Dates.Values.First()));
                if (index < 0)
                {
                    return null;
                }

                values[columns.Global[index]] = 1;
            }
            else
            {
                foreach (var (region, date) in assignment.Dates)
                {
                    var index = columns.Staggered.TryGetValue(region, out var regionColumns)
                        ? Array.IndexOf(candidates.StaggeredDays[region], calendar.Day(date))
                        : -1;
                    if (index < 0)
                    {
                        return null;
                    }

                    values[regionColumns![index]] = 1;
                }
            }

            foreach (var (region, date) in assignment.Dates)
            {
                foreach (var genre in candidates.Title.Genres)
                {
                    var key = (regionIndex[region], genre, calendar.Week(calendar.Day(date)));
                    clashCounts[key] = clashCounts.GetValueOrDefault(key) + 1;
                }
            }
        }

        foreach (var clash in model.ClashColumns)
        {
            values[clash.Column] = Math.Max(0, clashCounts.GetValueOrDefault((clash.Region, clash.Genre, clash.Week)) - 1);
        }

        return values;
    }
}
