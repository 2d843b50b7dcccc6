using System.Globalization;
using NodaTime.Text;
using Scheduler.Core.Domain;
using Scheduler.Core.Rules;
using Scheduler.Core.Values;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Diagnosis;

/// <summary>
/// Explains an infeasible scenario that no single check can: the model is built with one
/// assumption literal per hard-rule instance (a region-day's capacity, a spacing window, a sequel
/// gap, a pin, a stagger window, a budget week), CP-SAT names a set of them that cannot hold
/// together, the set is shrunk by dropping each rule that is not needed for the conflict (within a
/// bounded time), and what remains is told in business terms with the titles involved.
/// </summary>
internal sealed class ConflictCore
{
    /// <summary>The longest a conflict is looked for and shrunk, unless a shorter limit is given.</summary>
    public static readonly TimeSpan TotalTime = TimeSpan.FromSeconds(20);

    private const int TitlesNamed = 6;
    private static readonly TimeSpan ShrinkStepTime = TimeSpan.FromSeconds(2);

    private readonly IModelSearch _search;
    private readonly TimeProvider _time;

    public ConflictCore(IModelSearch search, TimeProvider time)
    {
        _search = search;
        _time = time;
    }

    /// <param name="scenario">The slate, or a part of it (a conflict of a part is one of the whole).</param>
    /// <param name="limit">The longest to look and shrink (<see cref="TotalTime"/> by default); the first half at most goes to finding a conflict.</param>
    /// <param name="cancellationToken">Stops at once.</param>
    public IReadOnlyList<RuleConflict> Explain(Scenario scenario, TimeSpan? limit, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var total = limit ?? TotalTime;
        var candidates = CandidateSet.ForExplanation(new ValueModel(scenario));
        var model = new ReleaseModelBuilder(candidates, new ModelOptions { Assumptions = true }).Build();
        var rules = model.Rules.ToDictionary(r => r.Assumption);
        var first = _search.Solve(model, Settings(total / 2, [.. rules.Keys]), cancellationToken: cancellationToken);
        if (first.Status != SearchStatus.Infeasible || first.Core.Count == 0)
        {
            return [];
        }

        var core = first.Core.ToList();
        foreach (var literal in first.Core)
        {
            var left = total - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero || core.Count == 1)
            {
                break;
            }

            if (!core.Contains(literal))
            {
                continue;
            }

            var without = core.Where(l => l != literal).ToList();
            var attempt = _search.Solve(model, Settings(left < ShrinkStepTime ? left : ShrinkStepTime, without), cancellationToken: cancellationToken);
            if (attempt.Status == SearchStatus.Infeasible)
            {
                core = attempt.Core.Count > 0 ? [.. attempt.Core] : without;
            }
        }

        return [.. core.Select(l => rules[l])
            .OrderBy(r => r.Family)
            .ThenBy(r => r.Date)
            .ThenBy(r => r.Detail, StringComparer.Ordinal)
            .ThenBy(r => r.Region, StringComparer.Ordinal)
            .ThenBy(r => r.Title, StringComparer.Ordinal)
            .Select(r => new RuleConflict([HardRules.Of(r.Family)], candidates.Formats.Rename(Describe(candidates.Scenario, r))))
            .DistinctBy(c => c.Message)];
    }

    private static SearchSettings Settings(TimeSpan limit, List<int> assumptions) => new(limit, 0, 1) { Assumptions = assumptions };

    private static string Describe(Scenario scenario, RuleInstance rule)
    {
        var capacity = scenario.Capacity;
        var date = rule.Date is { } d ? LocalDatePattern.Iso.Format(d) : "";
        var titles = Titles(scenario, rule);
        return rule.Family switch
        {
            RuleFamily.StaggerWindow => string.Create(CultureInfo.InvariantCulture, $"title {rule.Title} cannot release in {rule.Region} within {scenario.TitlesById[rule.Title!].StaggerMaxDays} days after its lead region {rule.Detail}"),
            RuleFamily.DailyCapacity => $"{rule.Region} on {date} takes at most {Count(capacity.PerDay, "release")} (perDay), wanted by {titles}",
            RuleFamily.DailyTentpoles => $"{rule.Region} on {date} takes at most {Count(capacity.TentpolesPerDay, "tentpole")} (tentpolesPerDay), wanted by {titles}",
            RuleFamily.TentpoleSpacing => $"tentpoles {titles} would release in {rule.Region} less than {capacity.TentpoleSpacingDays} days apart from {date}",
            RuleFamily.SpacingGroup => $"titles {titles} of spacing group '{rule.Detail}' would release in {rule.Region} less than {Group(scenario, rule).MinDays} days apart from {date}",
            RuleFamily.Obligation => $"the '{rule.Detail}' obligation needs {Needed(scenario, rule)} in {rule.Region} in {Period(scenario, rule)}, from {titles}",
            RuleFamily.SequelGap => string.Create(CultureInfo.InvariantCulture, $"sequel {rule.Title} must release at least {scenario.TitlesById[rule.Title!].After.First(a => a.TitleId == rule.Detail).MinGapDays} days after {SequelWording.GapFrom(scenario.TitlesById[rule.Detail!])} in {rule.Region}"),
            RuleFamily.Pin => $"title {rule.Title} is pinned to {date} in {rule.Region}",
            RuleFamily.MarketingBudget => string.Create(CultureInfo.InvariantCulture, $"week {rule.Detail} can spend at most {capacity.MarketingBudgetPerWeek} on marketing, wanted by {titles}"),
            _ => $"{HardRules.Of(rule.Family)} cannot hold",
        };
    }

    /// <summary>The titles that could take part in the rule, leaving out those whose pins in its region keep them elsewhere.</summary>
    private static string Titles(Scenario scenario, RuleInstance rule)
    {
        var span = rule.Family switch
        {
            RuleFamily.TentpoleSpacing => scenario.Capacity.TentpoleSpacingDays,
            RuleFamily.SpacingGroup => Group(scenario, rule).MinDays,
            RuleFamily.Obligation => PeriodOf(scenario, rule).Length,
            _ => 1,
        };
        var names = rule.Members
            .Select(i => scenario.Titles[i])
            .Where(t => rule.Region is null || rule.Date is not { } start || !t.Pins.TryGetValue(rule.Region, out var pin)
                || (pin >= start && pin < start.PlusDays(span)))
            .Select(t => t.Id)
            .ToList();
        return names.Count <= TitlesNamed
            ? string.Join(", ", names)
            : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", names.Take(TitlesNamed))} and {names.Count - TitlesNamed} more");
    }

    private static string Needed(Scenario scenario, RuleInstance rule)
        => Count(scenario.Obligations.First(o => o.Id == rule.Detail).Min, "premiere");

    private static string Period(Scenario scenario, RuleInstance rule) => Obligation.Name(PeriodOf(scenario, rule));

    private static NodaTime.DateInterval PeriodOf(Scenario scenario, RuleInstance rule)
        => scenario.Obligations.First(o => o.Id == rule.Detail).PeriodsWithin(scenario.Horizon).First(p => p.Start == rule.Date);

    private static SpacingGroup Group(Scenario scenario, RuleInstance rule) => scenario.SpacingGroups.First(g => g.Id == rule.Detail);

    private static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
