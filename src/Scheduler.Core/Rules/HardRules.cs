using System.Collections.Immutable;

namespace Scheduler.Core.Rules;

/// <summary>
/// The catalogue of hard rules: each family once, with its number and name. The verifier, the
/// optimization model, the infeasibility diagnosis and the explanations all cite rules from here.
/// </summary>
public static class HardRules
{
    public static HardRule OncePerRegion { get; } = new(RuleFamily.OncePerRegion, RuleBook.Plan, 1, "released once in each of the title's regions, or (optional titles) in none", "once");

    public static HardRule Window { get; } = new(RuleFamily.Window, RuleBook.Plan, 2, "inside the title's window, its rights and the horizon", "window");

    public static HardRule ReleaseDays { get; } = new(RuleFamily.ReleaseDays, RuleBook.Plan, 3, "on a release day of the region, never on a blackout date", "days");

    public static HardRule Mode { get; } = new(RuleFamily.Mode, RuleBook.Plan, 4, "in a mode the title allows; a global release on one date everywhere", "mode");

    public static HardRule StaggerWindow { get; } = new(RuleFamily.StaggerWindow, RuleBook.Plan, 4, "staggered regions within staggerMaxDays after the lead region", "stagger");

    public static HardRule DailyCapacity { get; } = new(RuleFamily.DailyCapacity, RuleBook.Plan, 5, "at most perDay releases in a region on a date", "capacity");

    public static HardRule DailyTentpoles { get; } = new(RuleFamily.DailyTentpoles, RuleBook.Plan, 5, "at most tentpolesPerDay tentpoles in a region on a date", "tentpoles");

    public static HardRule TentpoleSpacing { get; } = new(RuleFamily.TentpoleSpacing, RuleBook.Plan, 6, "tentpoles in a region at least tentpoleSpacingDays apart", "spacing");

    public static HardRule SequelGap { get; } = new(RuleFamily.SequelGap, RuleBook.Plan, 7, "a sequel at least minGapDays after the title it follows", "sequel");

    public static HardRule Pin { get; } = new(RuleFamily.Pin, RuleBook.Plan, 8, "announced dates kept exactly", "pin");

    public static HardRule MarketingBudget { get; } = new(RuleFamily.MarketingBudget, RuleBook.Plan, 9, "the marketing spend of an ISO week within its budget", "budget");

    public static HardRule PublishInstant { get; } = new(RuleFamily.PublishInstant, RuleBook.Plan, 10, "each drop published at the exact instant of its local release time", "instant");

    public static HardRule Holdback { get; } = new(RuleFamily.Holdback, RuleBook.Plan, 11, "no premiere before a holdback's date plus its days in its regions", "holdback");

    public static HardRule SpacingGroup { get; } = new(RuleFamily.SpacingGroup, RuleBook.Plan, 12, "titles of a spacing group in a region at least minDays apart", "group");

    public static HardRule Obligation { get; } = new(RuleFamily.Obligation, RuleBook.Plan, 13, "at least an obligation's minimum of matching premieres in each month or quarter of its regions", "obligation");

    public static HardRule PublishedStays { get; } = new(RuleFamily.PublishedStays, RuleBook.Replan, 1, "what is published stays", "published");

    public static HardRule FrozenStays { get; } = new(RuleFamily.FrozenStays, RuleBook.Replan, 2, "what is due within the freeze stays", "frozen");

    public static HardRule FrozenWindowClosed { get; } = new(RuleFamily.FrozenWindowClosed, RuleBook.Replan, 3, "nothing else is published inside the frozen window", "freeze");

    public static HardRule Withdrawn { get; } = new(RuleFamily.Withdrawn, RuleBook.Replan, 4, "releases whose title or region left the scenario are withdrawn", "withdrawn");

    public static HardRule MoveCost { get; } = new(RuleFamily.MoveCost, RuleBook.Replan, 5, "every moved release is charged moveCost", "move");

    /// <summary>Every family, the plan's rules in number order, then the replan's.</summary>
    public static ImmutableArray<HardRule> All { get; } =
    [
        OncePerRegion, Window, ReleaseDays, Mode, StaggerWindow, DailyCapacity, DailyTentpoles, TentpoleSpacing, SequelGap, Pin,
        MarketingBudget, PublishInstant, Holdback, SpacingGroup, Obligation, PublishedStays, FrozenStays, FrozenWindowClosed, Withdrawn, MoveCost,
    ];

    private static readonly ImmutableDictionary<RuleFamily, HardRule> ByFamily = All.ToImmutableDictionary(r => r.Family);

    /// <summary>The catalogue entry of <paramref name="family"/>.</summary>
    public static HardRule Of(RuleFamily family) => ByFamily[family];
}
