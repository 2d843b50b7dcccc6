namespace Scheduler.Solver.CpSat;

/// <summary>
/// The families of hard rules the model enforces, by their business meaning. Every constraint of
/// the model belongs to one, so that a conflict or an export reads in the planners' terms.
/// </summary>
public enum RuleFamily
{
    /// <summary>Rule 1: a title is released once in each of its regions (an optional one in all or none).</summary>
    OncePerRegion,

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
}

/// <summary>Short names of the rule families, as they appear in exported models.</summary>
public static class RuleFamilyNames
{
    public static string ShortName(this RuleFamily family) => family switch
    {
        RuleFamily.OncePerRegion => "once",
        RuleFamily.StaggerWindow => "stagger",
        RuleFamily.DailyCapacity => "capacity",
        RuleFamily.DailyTentpoles => "tentpoles",
        RuleFamily.TentpoleSpacing => "spacing",
        RuleFamily.SequelGap => "sequel",
        RuleFamily.Pin => "pin",
        RuleFamily.MarketingBudget => "budget",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };
}
