using System.Collections.Immutable;
using NodaTime;
using Scheduler.Core.Plans;

namespace Scheduler.Solver.CpSat;

/// <summary>Translates between variable values and release assignments, in both directions.</summary>
internal static class ModelSolution
{
    /// <summary>The assignments a solution stands for.</summary>
    public static List<Assignment> Read(ReleaseModel model, Func<int, bool> isSet)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(isSet);
        var calendar = model.Candidates.Calendar;
        var result = new List<Assignment>();
        foreach (var variables in model.Titles)
        {
            var title = variables.Candidates.Title;
            var global = Array.FindIndex(variables.Global, isSet.Invoke);
            if (global >= 0)
            {
                var date = calendar.Date(variables.Candidates.GlobalDays[global]);
                result.Add(new Assignment(title.Id, PlanModes.Global, title.Regions.ToImmutableDictionary(r => r, _ => date, StringComparer.Ordinal)));
                continue;
            }

            var dates = ImmutableDictionary.CreateBuilder<string, LocalDate>(StringComparer.Ordinal);
            foreach (var (region, regionVariables) in variables.Staggered)
            {
                var chosen = Array.FindIndex(regionVariables, isSet.Invoke);
                if (chosen >= 0)
                {
                    dates[region] = calendar.Date(variables.Candidates.StaggeredDays[region][chosen]);
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
    /// A value for every variable that stands for <paramref name="assignments"/> (a complete hint),
    /// or null when an assignment uses a date that is not a candidate, which means it breaks a rule.
    /// </summary>
    public static long[]? Encode(ReleaseModel model, IEnumerable<Assignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(assignments);
        var calendar = model.Candidates.Calendar;
        var values = new long[model.VariableCount];
        var byTitle = assignments.ToDictionary(a => a.TitleId, StringComparer.Ordinal);
        var clashCounts = new Dictionary<(int Region, string Genre, int Week), int>();
        var regionIndex = model.Candidates.Scenario.Regions.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        foreach (var variables in model.Titles)
        {
            var candidates = variables.Candidates;
            if (!byTitle.TryGetValue(candidates.Title.Id, out var assignment))
            {
                continue;
            }

            if (variables.Scheduled >= 0)
            {
                values[variables.Scheduled] = 1;
            }

            if (assignment.Mode == PlanModes.Global)
            {
                var index = Array.IndexOf(candidates.GlobalDays, calendar.Day(assignment.Dates.Values.First()));
                if (index < 0)
                {
                    return null;
                }

                values[variables.Global[index]] = 1;
            }
            else
            {
                foreach (var (region, date) in assignment.Dates)
                {
                    var index = variables.Staggered.TryGetValue(region, out var regionVariables)
                        ? Array.IndexOf(candidates.StaggeredDays[region], calendar.Day(date))
                        : -1;
                    if (index < 0)
                    {
                        return null;
                    }

                    values[regionVariables![index]] = 1;
                }
            }

            foreach (var (region, day) in variables.Day)
            {
                if (!assignment.Dates.TryGetValue(region, out var date))
                {
                    return null;
                }

                values[day] = calendar.Day(date);
            }

            foreach (var (region, date) in assignment.Dates)
            {
                foreach (var genre in candidates.Title.Genres.Distinct(StringComparer.Ordinal))
                {
                    var key = (regionIndex[region], genre, calendar.Week(calendar.Day(date)));
                    clashCounts[key] = clashCounts.GetValueOrDefault(key) + 1;
                }
            }
        }

        foreach (var clash in model.Clash)
        {
            values[clash.Variable] = Math.Max(0, clash.Fixed + clashCounts.GetValueOrDefault((clash.Region, clash.Genre, clash.Week)) - 1);
        }

        return values;
    }
}
