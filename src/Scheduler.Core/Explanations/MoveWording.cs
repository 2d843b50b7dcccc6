using System.Globalization;
using Scheduler.Core.Plans;

namespace Scheduler.Core.Explanations;

/// <summary>Why a release moved, in one line for the CLI, the HTML comparison and the replan's report (docs/compare.md, "Why a release moves").</summary>
public static class MoveWording
{
    /// <summary>The move's reason in one line; empty when it was not attributed.</summary>
    public static string Why(MovedRelease move)
    {
        ArgumentNullException.ThrowIfNull(move);
        return move.Why is { } why ? Why(why) : "";
    }

    public static string Why(MoveReason why)
    {
        ArgumentNullException.ThrowIfNull(why);
        return why switch
        {
            { Cause: MoveCause.Forced } => $"forced: {string.Join("; ", why.Rules)}",
            { Cause: MoveCause.Displaced, DisplacedBy.IsEmpty: false } => $"displaced by {string.Join(", ", why.DisplacedBy)}: {string.Join("; ", why.Rules)}",
            { Cause: MoveCause.Displaced } => $"displaced: {string.Join("; ", why.Rules)}",
            _ => string.Create(CultureInfo.InvariantCulture, $"improvement: {why.Gain:+0.###;-0.###;0} value"),
        };
    }
}
