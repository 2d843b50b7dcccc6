using Scheduler.Core.Domain;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Planning;

// Formats as a decision (docs/scenario-format.md, "Formats as a decision"): the search plans each
// title with formats as one title per format (FormatExpansion); what enters and leaves the planner
// is written in the scenario's own titles, each scheduled one with the format it was given.
public sealed partial class ReleasePlanner
{
    /// <summary>
    /// The request as the search reads it: a reference plan (a comparison's base, a re-plan's plan
    /// of record) names a title with formats, which the search holds as one title per format.
    /// </summary>
    private static PlanRequest InFormats(PlanRequest request, FormatExpansion formats)
        => formats.IsEmpty || request.Reference is null ? request : request with { Reference = formats.ToExpanded(request.Reference) };

    /// <summary>The outcome's sentences with each title in one of its formats named as that title in that format.</summary>
    private static PlanningOutcome Renamed(PlanningOutcome outcome, FormatExpansion formats)
        => formats.IsEmpty ? outcome : outcome with { Reasons = [.. outcome.Reasons.Select(formats.Rename)] };

    /// <summary>
    /// The search's assignments as the scenario's: each title placed in one of its formats under its
    /// own id with that format, and the values of the scenario with every such title in the format
    /// chosen, from which the plan is written (<see cref="PlanFactory"/>) with the same objective.
    /// </summary>
    private static (ValueModel Values, List<Assignment> Assignments) Written(Run run, ValueModel values, IReadOnlyList<Assignment> assignments)
    {
        var formats = run.Formats;
        return formats.IsEmpty
            ? (values, [.. assignments])
            : (new ValueModel(PlanFormats.Resolve(values.Scenario, formats.Chosen(assignments))), formats.ToOriginal(assignments));
    }

    /// <summary>
    /// Why a best-effort plan left a title out. A title with formats is explained in the first of its
    /// formats that its own rules allow on some date (what keeps it out is then the rest of the
    /// plan), or in its first format when none is.
    /// </summary>
    private static LeftOutTitle ExplainLeftOut(LeftOutExplainer explainer, Title title)
    {
        if (title.Formats.Length <= 1)
        {
            return explainer.Explain(title);
        }

        var each = title.Formats.Select(f => (Format: f.Id, Why: explainer.Explain(title.InFormat(f.Id)))).ToList();
        var nearest = each.FirstOrDefault(e => e.Why.Rule != Core.Rules.HardRules.Window.ShortName);
        var formats = string.Join(", ", title.Formats);
        return nearest.Why is null
            ? each[0].Why with { Reason = $"in format {each[0].Format} (none of {formats} has a date its own rules allow), {each[0].Why.Reason}" }
            : nearest.Why with { Reason = $"in format {nearest.Format} (the first of {formats} its own rules allow on some date), {nearest.Why.Reason}" };
    }
}
