namespace Scheduler.Core.Rules;

/// <summary>
/// The families of hard rules, by their business meaning: the verifier names a broken rule by its
/// family, the optimization model files every constraint under one, and a conflict or an
/// explanation reads in the planners' terms. <see cref="HardRules"/> gives each its rule number and name.
/// </summary>
public enum RuleFamily
{
    /// <summary>Rule 1: a title is released once in each of its regions (an optional one in all or none).</summary>
    OncePerRegion,

    /// <summary>Rule 2: a release lies inside its title's window, its rights and the horizon.</summary>
    Window,

    /// <summary>Rule 3: a release falls on a release day of its region and on none of its blackout dates.</summary>
    ReleaseDays,

    /// <summary>Rule 4: a title releases in a mode it allows, a global one on one date everywhere.</summary>
    Mode,

    /// <summary>Rule 4: a staggered region releases within staggerMaxDays after the lead region.</summary>
    StaggerWindow,

    /// <summary>Rule 5: at most perDay releases in one region on one date.</summary>
    DailyCapacity,

    /// <summary>Rule 5: at most tentpolesPerDay tentpoles in one region on one date.</summary>
    DailyTentpoles,

    /// <summary>Rule 6: tentpoles in one region at least tentpoleSpacingDays apart.</summary>
    TentpoleSpacing,

    /// <summary>Rule 7: a sequel releases at least minGapDays after the title it follows, in every region where both release.</summary>
    SequelGap,

    /// <summary>Rule 8: an announced date is kept exactly.</summary>
    Pin,

    /// <summary>Rule 9: the marketing cost of one ISO week's launches stays within the budget.</summary>
    MarketingBudget,

    /// <summary>Rule 10: every drop is published at the exact instant of its local release time.</summary>
    PublishInstant,

    /// <summary>Rule 11: a title premieres in a region no earlier than each holdback there allows.</summary>
    Holdback,

    /// <summary>Rule 12: two titles of a spacing group released in one region are at least minDays apart.</summary>
    SpacingGroup,

    /// <summary>Rule 13: each period of an obligation's regions holds at least its minimum of matching premieres.</summary>
    Obligation,

    /// <summary>Replan rule 1: a published release (and each published drop) stays as it is.</summary>
    PublishedStays,

    /// <summary>Replan rule 2: a release due within the freeze stays as it is.</summary>
    FrozenStays,

    /// <summary>Replan rule 3: nothing else is published inside the frozen window.</summary>
    FrozenWindowClosed,

    /// <summary>Replan rule 4: a release whose title or region left the scenario is withdrawn.</summary>
    Withdrawn,

    /// <summary>Replan rule 5: every release moved from the plan of record is charged moveCost.</summary>
    MoveCost,
}
