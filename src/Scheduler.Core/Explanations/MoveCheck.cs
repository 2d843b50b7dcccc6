using System.Collections.Immutable;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;

namespace Scheduler.Core.Explanations;

/// <summary>
/// A release a check moved (or placed): its date and value with their factors, before and after;
/// <see cref="Before"/> is null when the plan did not release the title in the region.
/// </summary>
public sealed record CheckedRelease(string Title, string Region, string Mode, ValueBreakdown? Before, ValueBreakdown After);

/// <summary>
/// What a set of moves would do to a plan: the change in its objective (value less clash cost; a
/// check charges no move cost), in its value and in its clash cost, each release moved, and every
/// hard rule the plan breaks after the moves that it did not break before.
/// </summary>
public sealed record MoveCheckResult(
    double ObjectiveChange,
    double ValueChange,
    double ClashCostChange,
    ImmutableArray<CheckedRelease> Releases,
    ImmutableArray<PlanViolation> Violations)
{
    /// <summary>The moves that could not be applied; when any, nothing else is reported.</summary>
    public ImmutableArray<MoveError> Errors { get; init; } = [];

    public bool Breaks => !Violations.IsEmpty;
}

/// <summary>
/// Moves releases of a plan and judges the result without solving anything: the plan is rewritten
/// with the moves by the same factory engines use, and the plan verifier, which every stored plan
/// passes, names what it breaks. So a check can never approve what the verifier would refuse.
/// </summary>
public sealed class MoveCheck
{
    private readonly ValueModel _values;
    private readonly Plan _plan;
    private readonly Plan _before;
    private readonly HashSet<string> _brokenBefore;

    /// <param name="values">The value model of the scenario (or variant) the plan was made for.</param>
    /// <param name="plan">The plan the moves start from.</param>
    public MoveCheck(ValueModel values, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(values);
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _values = PlanFormats.ValuesFor(values, plan); // moves keep each title's format
        _before = Rewrite(Assignment.FromPlan(plan));
        _brokenBefore = [.. new PlanVerifier(_values).Verify(_before).Sentences];
    }

    public MoveCheckResult Check(IReadOnlyList<ReleaseMove> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var scenario = _values.Scenario;
        var errors = ReleaseMoves.Validate(scenario, moves);
        if (!errors.IsEmpty)
        {
            return new MoveCheckResult(0, 0, 0, [], []) { Errors = errors };
        }

        var assignments = Assignment.FromPlan(_plan).ToDictionary(a => a.TitleId, StringComparer.Ordinal);
        var moved = ReleaseMoves.Apply(scenario, assignments, moves);
        var after = Rewrite(assignments.Values);
        var broken = new PlanVerifier(_values).Verify(after).Violations.Where(v => !_brokenBefore.Contains(v.ToString()));
        return new MoveCheckResult(
            after.Kpis.Objective - _before.Kpis.Objective,
            after.Kpis.Value - _before.Kpis.Value,
            after.Kpis.ClashCost - _before.Kpis.ClashCost,
            [.. moved.Select(m => Moved(m.Title, m.Region, assignments[m.Title]))],
            [.. broken]);
    }

    private CheckedRelease Moved(string titleId, string region, Assignment assignment)
    {
        var title = _values.Scenario.TitlesById[titleId];
        var before = _plan.Releases.FirstOrDefault(r => r.Title == titleId && r.Region == region);
        return new CheckedRelease(
            titleId,
            region,
            assignment.Mode,
            before is null ? null : _values.Explain(title, region, before.Date),
            _values.Explain(title, region, assignment.Dates[region]));
    }

    /// <summary>The plan as the factory writes it for these decisions, its solver's figures those of an unproven plan.</summary>
    private Plan Rewrite(IEnumerable<Assignment> assignments)
    {
        var plan = PlanFactory.Create(
            _values,
            _plan.Scenario,
            assignments,
            kpis => _plan.Solver with { Status = PlanStatuses.Feasible, Objective = kpis.Objective, Bound = null, Gap = null },
            _plan.GeneratedAt);
        return plan with { LeftOut = _plan.LeftOut };
    }
}
