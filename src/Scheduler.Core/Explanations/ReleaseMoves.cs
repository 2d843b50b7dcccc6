using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Plans;

namespace Scheduler.Core.Explanations;

/// <summary>
/// A planner's move of a release: <see cref="Title"/> to <see cref="Date"/> in <see cref="Region"/>
/// (null: in every region of the title), in <see cref="Mode"/> (null: the mode it has, or the one
/// its scenario allows when it is not planned). A global release is one instant everywhere, so a
/// move that leaves a title global moves it in every region.
/// </summary>
public sealed record ReleaseMove(string Title, string? Region, LocalDate Date, string? Mode);

/// <summary>A move that cannot be applied: the JSON path of the field and what is wrong with it.</summary>
public sealed record MoveError(string Path, string Message);

/// <summary>
/// What planners' moves mean, written once for the check of a move (<see cref="MoveCheck"/>) and
/// for a replan that pins them (<see cref="Pin"/>): which releases a move takes where.
/// </summary>
public static class ReleaseMoves
{
    /// <summary>Every move that names a title, region or mode the scenario does not have, or a date outside its horizon.</summary>
    public static ImmutableArray<MoveError> Validate(Scenario scenario, IReadOnlyList<ReleaseMove> moves)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(moves);
        var errors = ImmutableArray.CreateBuilder<MoveError>();
        if (moves.Count == 0)
        {
            errors.Add(new MoveError("$.moves", "must list at least one move"));
        }

        for (var i = 0; i < moves.Count; i++)
        {
            var move = moves[i];
            var at = $"$.moves[{i}]";
            if (!scenario.TitlesById.TryGetValue(move.Title, out var title))
            {
                errors.Add(new MoveError($"{at}.title", $"the scenario has no title '{move.Title}'"));
                continue;
            }

            if (move.Region is { } region && !title.Regions.Contains(region))
            {
                errors.Add(new MoveError($"{at}.region", $"'{move.Title}' is not released in '{region}' (its regions: {string.Join(", ", title.Regions)})"));
            }

            if (move.Mode is { } mode && mode != PlanModes.Global && mode != PlanModes.Staggered)
            {
                errors.Add(new MoveError($"{at}.mode", $"must be \"{PlanModes.Global}\" or \"{PlanModes.Staggered}\", not \"{mode}\""));
            }

            if (!scenario.Horizon.Contains(move.Date))
            {
                var pattern = LocalDatePattern.Iso;
                errors.Add(new MoveError($"{at}.date", $"{pattern.Format(move.Date)} is outside the horizon, {pattern.Format(scenario.Horizon.Start)} to {pattern.Format(scenario.Horizon.End)}"));
            }
        }

        return errors.ToImmutable();
    }

    /// <summary>
    /// Applies valid moves, in order, to a plan's decisions (by title id): each moved title gets its
    /// new mode and, in the regions it moves in, its new date.
    /// </summary>
    /// <returns>The (title, region) releases moved, each once, in the order first moved.</returns>
    public static IReadOnlyList<(string Title, string Region)> Apply(Scenario scenario, IDictionary<string, Assignment> assignments, IReadOnlyList<ReleaseMove> moves)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(moves);
        var moved = new List<(string Title, string Region)>();
        foreach (var move in moves)
        {
            var title = scenario.TitlesById[move.Title];
            var current = assignments.TryGetValue(move.Title, out var found) ? found : null;
            var mode = move.Mode ?? current?.Mode ?? (title.Release == ReleaseMode.Staggered ? PlanModes.Staggered : PlanModes.Global);
            var regions = mode == PlanModes.Global || move.Region is null ? title.Regions : [move.Region];
            var dates = mode == PlanModes.Global || current is null ? ImmutableDictionary.Create<string, LocalDate>(StringComparer.Ordinal) : current.Dates;
            assignments[move.Title] = new Assignment(move.Title, mode, dates.SetItems(regions.Select(r => KeyValuePair.Create(r, move.Date))));
            moved.AddRange(regions.Select(r => (move.Title, r)));
        }

        return [.. moved.Distinct()];
    }

    /// <summary>
    /// The scenario with valid moves made announcements: each moved release pinned to its new date,
    /// its title released in its new mode only, and no longer optional (a pinned release is wanted).
    /// The plan's other decisions are not pinned: a replan from it may move them, at their cost.
    /// </summary>
    public static Scenario Pin(Scenario scenario, Plan plan, IReadOnlyList<ReleaseMove> moves)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        var assignments = Assignment.FromPlan(plan).Where(a => scenario.TitlesById.ContainsKey(a.TitleId)).ToDictionary(a => a.TitleId, StringComparer.Ordinal);
        var moved = Apply(scenario, assignments, moves).ToLookup(m => m.Title, m => m.Region, StringComparer.Ordinal);
        var titles = scenario.Titles.Select(title =>
        {
            if (!moved.Contains(title.Id))
            {
                return title;
            }

            var assignment = assignments[title.Id];
            return new Title(title.ToSpec() with
            {
                Pins = title.Pins.SetItems(moved[title.Id].Select(r => KeyValuePair.Create(r, assignment.Dates[r]))),
                Release = assignment.Mode == PlanModes.Global ? ReleaseMode.Global : ReleaseMode.Staggered,
                Optional = false,
            });
        });
        return new Scenario(scenario.ToSpec() with { Titles = [.. titles] });
    }
}
