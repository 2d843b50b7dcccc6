namespace Scheduler.Core.Validation;

/// <summary>
/// The bounds a scenario lives within, beside those the schema states for single numbers: with
/// them, every date Scheduler computes (a window, a gap, a drop, a replan's freeze) stays far inside
/// the calendar, and every value (demand x share x affinity x indices) stays a finite double.
/// </summary>
public static class Limits
{
    /// <summary>The first year a scenario's dates may fall in.</summary>
    public const int FirstYear = 1900;

    /// <summary>The last year a scenario's dates may fall in.</summary>
    public const int LastYear = 2200;

    /// <summary>The longest horizon, first and last day included: ten years (the schema's day counts stop here too).</summary>
    public const int LongestHorizonDays = 3660;
}
