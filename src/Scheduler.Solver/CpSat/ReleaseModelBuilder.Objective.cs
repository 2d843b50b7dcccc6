using Google.OrTools.Sat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.CpSat;

// The objective: value, the genre-clash cost, a replan's move costs, scaled to integers.
internal sealed partial class ReleaseModelBuilder
{
    // genreClashCost * share(r) for every title of a genre beyond the first in one region and ISO week.
    private void GenreClashCost()
    {
        var cost = _scenario.Objective.GenreClashCost;
        if (cost == 0)
        {
            return;
        }

        foreach (var region in _scenario.Regions)
        {
            var slots = _slots[_regionIndex[region.Id]];
            var byGenreWeek = new Dictionary<(string Genre, int Week), List<(int Variable, TitleCandidates Title)>>();
            for (var day = 0; day < slots.Length; day++)
            {
                foreach (var entry in slots[day] ?? [])
                {
                    foreach (var genre in entry.Title.Title.Genres.Distinct(StringComparer.Ordinal))
                    {
                        var key = (genre, _calendar.Week(day));
                        (byGenreWeek.TryGetValue(key, out var list) ? list : byGenreWeek[key] = []).Add(entry);
                    }
                }
            }

            var share = _scenario.Share(region.Id);
            foreach (var ((genre, week), entries) in byGenreWeek.OrderBy(kv => kv.Key.Week).ThenBy(kv => kv.Key.Genre, StringComparer.Ordinal))
            {
                // Titles of fixed titles already there count towards the excess.
                var already = _options.Fixed?.GenreCount(region.Id, genre, week) ?? 0;
                var titles = DistinctTitles(entries) + already;
                if (titles < 2)
                {
                    continue;
                }

                var weekName = ModelNames.Week(_calendar.Weeks[week]);
                var excess = _model.NewInt(0, titles - 1, "e", region.Id, genre, weekName);
                _clash.Add(new ClashVariable(excess, _regionIndex[region.Id], genre, week, already));
                _objective[excess] = -cost * share;
                _model.Linear([.. entries.Select(e => (e.Variable, 1L)), (excess, -1)], -titles, 1 - already, "clash", region.Id, genre, weekName);
            }
        }
    }

    // Replans: each release of the plan of record that is not kept costs moveCost. Kept ones earn
    // it back through the reference bonus; here every release that could move is charged up front:
    // a constant for titles that must release, and on z for optional titles, which can avoid the
    // charge by being left out.
    private void MoveCosts()
    {
        if (_options.MoveCost <= 0)
        {
            return;
        }

        foreach (var (titleId, pairs) in _reference.GroupBy(r => r.Title).Select(g => (g.Key, g.Count())))
        {
            // A title with no date (such as a format whose drops fit nowhere) releases nothing to move.
            if (!_candidates.ById.TryGetValue(titleId, out var candidates) || !candidates.CanBeScheduled)
            {
                continue;
            }

            var charge = _options.MoveCost * pairs;
            var scheduled = _byId[titleId].Scheduled;
            if (scheduled >= 0)
            {
                _objective[scheduled] = _objective.GetValueOrDefault(scheduled) - charge;
            }
            else
            {
                _offset -= charge;
            }
        }
    }

    private ObjectiveScale Objective()
    {
        var variables = _objective.Keys.Order().ToList();
        var scale = ObjectiveScale.For(
            [.. variables.Select(v => _objective[v] + _bonus.GetValueOrDefault(v))],
            [.. variables.Select(v => _model.Proto.Variables[v].Domain[1])],
            _offset);

        // CP-SAT minimizes: a maximization is written negated, with scaling factor -1.
        var objective = new CpObjectiveProto { ScalingFactor = -1 };
        foreach (var variable in variables)
        {
            objective.Vars.Add(variable);
            objective.Coeffs.Add(-(scale.Scale(_objective[variable]) + ScaledBonus(scale, variable)));
        }

        _model.Proto.Objective = objective;
        foreach (var (variable, bonus) in _bonus)
        {
            _objective[variable] += bonus;
        }

        return scale;
    }
}
