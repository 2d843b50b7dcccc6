using System.Collections.Immutable;

namespace Scheduler.Core.Plans;

/// <summary>Why a release of the base moved in a variant or a replan.</summary>
public enum MoveCause
{
    /// <summary>Its base date breaks a rule of the variant, given the base plan.</summary>
    Forced,

    /// <summary>Its base date is free under the variant's rules, but another move took it (capacity, a tentpole, a sequel, the week's budget, its own lead region).</summary>
    Displaced,

    /// <summary>Its base date is still open in the variant's plan: it moved because the new date is worth more.</summary>
    Improvement,
}

/// <summary>
/// Why one release moved: the cause, the rules of the variant that rule its base date out (forced,
/// displaced) in the words of <c>explain</c>, the moves that took its place (displaced) and what the
/// move gains under the variant's values (improvement).
/// </summary>
public sealed record MoveReason(MoveCause Cause, ImmutableArray<string> Rules, ImmutableArray<string> DisplacedBy, double? Gain)
{
    /// <summary>The cause in the words of the reports: <c>forced</c>, <c>displaced</c>, <c>improvement</c>.</summary>
    public string CauseName => Cause switch
    {
        MoveCause.Forced => "forced",
        MoveCause.Displaced => "displaced",
        _ => "improvement",
    };
}
