using Scheduler.Core.Rules;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.CpSat;

// The hard rules, one method per family of the catalogue (Core.Rules.HardRules), each its business rule in one line.
internal sealed partial class ReleaseModelBuilder
{
    // Rule 1: a title that must release does so once in each of its regions, global or staggered;
    // an optional one in all of its regions or in none. Always hard: it is what a plan is.
    private void EachTitleOncePerRegion()
    {
        foreach (var variables in _titles.Where(v => v.Candidates.CanBeScheduled))
        {
            var title = variables.Candidates.Title;
            var regions = variables.Staggered.Count > 0 ? title.Regions.AsEnumerable() : [title.LeadRegion];
            foreach (var region in regions)
            {
                var literals = variables.Global.Concat(variables.Staggered.GetValueOrDefault(region) ?? []);
                if (variables.Scheduled >= 0)
                {
                    literals = literals.Append(CpModelWriter.Not(variables.Scheduled));
                }

                _model.ExactlyOne(literals, HardRules.OncePerRegion.ShortName, title.Id, region);
            }
        }
    }

    // Rule 1 with formats as a decision: a title is released in exactly one of its formats (at most
    // one when optional), each format standing as its own optional title; in a neighbourhood a
    // format placed outside it already releases the title. Always hard, as rule 1 is.
    private void OneFormatPerTitle()
    {
        var groups = _titles.Where(v => v.Candidates.FormatGroup >= 0 && v.Scheduled >= 0).GroupBy(v => v.Candidates.FormatGroup);
        foreach (var group in groups)
        {
            var formats = _candidates.FormatsOf(group.First().Candidates);
            var placedOutside = _options.Fixed is { } fixedState && formats.Any(fixedState.IsReleased);
            var upper = placedOutside ? 0 : 1;
            var lower = placedOutside || !_candidates.MustRelease(group.First().Candidates) ? 0 : 1;
            _model.Linear(group.Select(v => (v.Scheduled, 1L)), lower, upper, HardRules.OncePerRegion.ShortName, _candidates.Formats.ParentOf(group.First().Candidates.Title.Id), "format");
        }
    }

    // Rule 4: a staggered region releases on or after the lead region's date and at most
    // staggerMaxDays later: a region's date implies a lead date in the window before it.
    private void StaggeredWithinWindowOfLead()
    {
        foreach (var variables in _titles.Where(v => v.Staggered.Count > 1))
        {
            var candidates = variables.Candidates;
            var title = candidates.Title;
            var lead = title.LeadRegion;
            var leadDays = candidates.StaggeredDays[lead];
            var leadVariables = variables.Staggered[lead];
            foreach (var (region, regionVariables) in variables.Staggered.Where(kv => kv.Key != lead))
            {
                var rule = Rule(RuleFamily.StaggerWindow, title.Id, region, null, lead, [candidates.Index]);
                var days = candidates.StaggeredDays[region];
                for (var i = 0; i < days.Length; i++)
                {
                    var leads = Enumerable.Range(0, leadDays.Length)
                        .Where(j => leadDays[j] >= days[i] - title.StaggerMaxDays && leadDays[j] <= days[i])
                        .Select(j => leadVariables[j]);
                    var constraint = _model.BoolOr(leads, HardRules.StaggerWindow.ShortName, title.Id, region, Day(days[i]));
                    Enforce(constraint, rule, regionVariables[i]);
                }
            }
        }
    }

    // Rule 5: per region and date, at most perDay releases (less those of fixed titles).
    private void DailyCapacity()
    {
        foreach (var (region, day, entries) in Slots())
        {
            var limit = _scenario.Capacity.PerDay - (_options.Fixed?.Releases(region, day) ?? 0);
            if (DistinctTitles(entries) > limit)
            {
                AtMost(RuleFamily.DailyCapacity, region, day, entries, limit);
            }
        }
    }

    // Rule 5: per region and date, at most tentpolesPerDay tentpoles (less those of fixed titles).
    private void DailyTentpoles()
    {
        foreach (var (region, day, entries) in Slots())
        {
            var limit = _scenario.Capacity.TentpolesPerDay - (_options.Fixed?.Tentpoles(region, day) ?? 0);
            var tentpoles = entries.Where(e => e.Title.Title.Tentpole).ToList();
            if (DistinctTitles(tentpoles) > limit)
            {
                AtMost(RuleFamily.DailyTentpoles, region, day, tentpoles, limit);
            }
        }
    }

    // Rule 6: in one region, at most one tentpole in any tentpoleSpacingDays consecutive days.
    private void TentpoleSpacing()
    {
        var span = _scenario.Capacity.TentpoleSpacingDays;
        foreach (var region in _scenario.Regions)
        {
            AtMostOneInEverySpan(RuleFamily.TentpoleSpacing, null, region.Id, span, t => t.Title.Tentpole);
        }
    }

    // Rule 12: in each region of a spacing group, at most one of its titles in any minDays consecutive days.
    private void SpacingGroups()
    {
        foreach (var group in _scenario.SpacingGroups.Where(g => g.MinDays > 0))
        {
            foreach (var region in _scenario.Regions.Where(r => group.HoldsIn(r.Id)))
            {
                AtMostOneInEverySpan(RuleFamily.SpacingGroup, group.Id, region.Id, group.MinDays, t => group.Selects(t.Title));
            }
        }
    }

    // Rule 13: in each region of an obligation, each month or quarter holds at least min premieres of matching titles
    // (less those of fixed titles); a title releases once per region, so each counts at most once.
    private void Obligations()
    {
        foreach (var obligation in _scenario.Obligations.Where(o => o.Min > 0))
        {
            foreach (var region in _scenario.Regions.Where(r => obligation.HoldsIn(r.Id)))
            {
                var slots = _slots[_regionIndex[region.Id]];
                foreach (var period in obligation.PeriodsWithin(_scenario.Horizon))
                {
                    var (first, last) = (_calendar.Day(period.Start), _calendar.Day(period.End));
                    var entries = Enumerable.Range(first, last - first + 1)
                        .SelectMany(d => slots[d] ?? [])
                        .Where(e => obligation.Selects(e.Title.Title))
                        .ToList();
                    var needed = Floor(obligation, region.Id, first, last) - (_options.Fixed?.Premieres(region.Id, first, last, obligation.Selects) ?? 0);
                    if (needed <= 0)
                    {
                        continue;
                    }

                    var rule = Rule(RuleFamily.Obligation, null, region.Id, period.Start, obligation.Id, Members(entries));
                    var constraint = _model.Linear(entries.Select(e => (e.Variable, 1L)), needed, int.MaxValue, HardRules.Obligation.ShortName, obligation.Id, region.Id, ModelNames.Day(period.Start));
                    Enforce(constraint, rule);
                }
            }
        }
    }

    // A period asks for its minimum, or, in a neighbourhood of a slate still short somewhere, for no more than it has now.
    private int Floor(Core.Domain.Obligation obligation, string region, int first, int last)
    {
        if (_options.Current is not { } current
            || (_options.Repairing is { } repairing && repairing.Obligation == obligation && repairing.Region == region && repairing.First == first))
        {
            return obligation.Min;
        }

        return Math.Min(obligation.Min, current.Premieres(region, first, last, obligation.Selects));
    }

    // Rule 7: in every region where both release, the sequel's day is at least minGapDays after its
    // predecessor's last drop; an optional title left out imposes nothing (its z switches the row off).
    private void SequelGaps()
    {
        foreach (var sequel in _titles.Where(v => v.Candidates.CanBeScheduled))
        {
            foreach (var gap in sequel.Candidates.Title.After)
            {
                if (!_byId.TryGetValue(gap.TitleId, out var predecessor) || !predecessor.Candidates.CanBeScheduled)
                {
                    continue; // a predecessor outside the neighbourhood has narrowed the sequel's dates already
                }

                foreach (var region in sequel.Candidates.Title.Regions.Where(predecessor.Candidates.Title.IsReleasedIn))
                {
                    var rule = Rule(RuleFamily.SequelGap, sequel.Candidates.Title.Id, region, null, gap.TitleId, [sequel.Candidates.Index, predecessor.Candidates.Index]);
                    var constraint = _model.Linear(
                        [(DayOf(sequel, region), 1), (DayOf(predecessor, region), -1)],
                        _scenario.PremiereGapDays(gap),
                        Math.Max(_scenario.PremiereGapDays(gap), _calendar.Days),
                        HardRules.SequelGap.ShortName,
                        sequel.Candidates.Title.Id,
                        gap.TitleId,
                        region);
                    Enforce(constraint, rule, [.. new[] { sequel.Scheduled, predecessor.Scheduled }.Where(z => z >= 0)]);
                }
            }
        }
    }

    // Rule 9: the marketing cost of the titles launching in one ISO week stays within the budget.
    private void WeeklyMarketingBudget()
    {
        if (_scenario.Capacity.MarketingBudgetPerWeek is not { } budget)
        {
            return;
        }

        var byWeek = new SortedDictionary<int, List<(int Variable, TitleCandidates Title)>>();
        foreach (var variables in _titles.Where(v => v.Candidates.Title.MarketingCost > 0))
        {
            var candidates = variables.Candidates;
            var launches = variables.Global.Zip(candidates.GlobalDays)
                .Concat(variables.Staggered.TryGetValue(candidates.Title.LeadRegion, out var lead)
                    ? lead.Zip(candidates.StaggeredDays[candidates.Title.LeadRegion])
                    : []);
            foreach (var (variable, day) in launches)
            {
                var week = _calendar.Week(day);
                (byWeek.TryGetValue(week, out var list) ? list : byWeek[week] = []).Add((variable, candidates));
            }
        }

        foreach (var (week, entries) in byWeek)
        {
            var left = budget - (_options.Fixed?.Spend(week) ?? 0);
            if (entries.DistinctBy(e => e.Title.Index).Sum(e => e.Title.Title.MarketingCost) <= left)
            {
                continue;
            }

            var limit = Math.Max(0, (long)Math.Floor(left * MarketingUnitsPerCost));
            var weekName = ModelNames.Week(_calendar.Weeks[week]);
            var rule = Rule(RuleFamily.MarketingBudget, null, null, null, _calendar.Weeks[week].ToString(), Members(entries));
            var terms = entries.Select(e => (e.Variable, (long)Math.Ceiling(e.Title.Title.MarketingCost * MarketingUnitsPerCost)));
            Enforce(_model.Linear(terms, 0, limit, HardRules.MarketingBudget.ShortName, weekName), rule);
        }
    }

    // Rule 8, in a model that explains infeasibility (elsewhere pins are applied to the candidates):
    // a title releases on its announced date in each region it is pinned in.
    private void AnnouncedDates()
    {
        foreach (var variables in _titles.Where(v => v.Candidates.CanBeScheduled))
        {
            var candidates = variables.Candidates;
            var title = candidates.Title;
            foreach (var (region, pin) in title.Pins.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var day = _calendar.Day(pin);
                var literals = new List<int>();
                var global = Array.IndexOf(candidates.GlobalDays, day);
                if (global >= 0)
                {
                    literals.Add(variables.Global[global]);
                }

                if (variables.Staggered.TryGetValue(region, out var staggered) && Array.IndexOf(candidates.StaggeredDays[region], day) is >= 0 and var index)
                {
                    literals.Add(staggered[index]);
                }

                if (variables.Scheduled >= 0)
                {
                    literals.Add(CpModelWriter.Not(variables.Scheduled));
                }

                var rule = Rule(RuleFamily.Pin, title.Id, region, pin, null, [candidates.Index]);
                Enforce(_model.BoolOr(literals, HardRules.Pin.ShortName, title.Id, region), rule);
            }
        }
    }
}
