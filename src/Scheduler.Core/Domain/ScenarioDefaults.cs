using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>
/// The value each optional field of a scenario takes when it is left out, declared once: the
/// readers fill fields in from here and the domain types start from here; a test holds the
/// schema's <c>default</c> keywords and the tables of docs/scenario-format.md to the same values.
/// Defaults that depend on other fields (a title's window, regions, lead region) are rules of the
/// readers, told in the docs' "How missing fields are filled in".
/// </summary>
public static class ScenarioDefaults
{
    /// <summary><c>description</c> of a scenario or a variant.</summary>
    public const string Description = "";

    /// <summary><c>releaseDays</c>: Fridays.</summary>
    public static ImmutableArray<IsoDayOfWeek> ReleaseDays { get; } = [IsoDayOfWeek.Friday];

    /// <summary><c>launchWindowDays</c>.</summary>
    public const int LaunchWindowDays = 7;

    /// <summary><c>globalLaunch.timeZone</c>.</summary>
    public const string GlobalLaunchTimeZone = "America/Los_Angeles";

    /// <summary><c>globalLaunch.time</c>: midnight.</summary>
    public static LocalTime GlobalLaunchTime => LocalTime.Midnight;

    /// <summary>A region's <c>releaseTime</c>: midnight.</summary>
    public static LocalTime RegionReleaseTime => LocalTime.Midnight;

    /// <summary><c>capacity.perDay</c>.</summary>
    public const int PerDay = 3;

    /// <summary><c>capacity.tentpolesPerDay</c>.</summary>
    public const int TentpolesPerDay = 1;

    /// <summary><c>capacity.tentpoleSpacingDays</c>.</summary>
    public const int TentpoleSpacingDays = 0;

    /// <summary><c>objective.genreClashCost</c>.</summary>
    public const double GenreClashCost = 0;

    /// <summary><c>objective.moveCost</c>.</summary>
    public const double MoveCost = 0;

    /// <summary><c>replan.freezeDays</c>.</summary>
    public const int FreezeDays = 14;

    /// <summary><c>solver.timeLimitSeconds</c>.</summary>
    public const double TimeLimitSeconds = 60;

    /// <summary><c>solver.relativeGap</c>.</summary>
    public const double RelativeGap = 0.001;

    /// <summary>The solver's <c>bestEffort</c>: a slate that cannot be planned whole is refused, not planned in part.</summary>
    public const bool BestEffort = false;

    /// <summary>A title's <c>kind</c>.</summary>
    public const TitleKind Kind = TitleKind.Other;

    /// <summary>A title's <c>release</c>: the optimizer chooses.</summary>
    public const ReleaseMode Release = ReleaseMode.Either;

    /// <summary>A title's <c>staggerMaxDays</c>.</summary>
    public const int StaggerMaxDays = 28;

    /// <summary>A title's <c>tentpole</c>.</summary>
    public const bool Tentpole = false;

    /// <summary>A title's <c>delayCostPerWeek</c>.</summary>
    public const double DelayCostPerWeek = 0;

    /// <summary>A title's <c>marketingCost</c>.</summary>
    public const double MarketingCost = 0;

    /// <summary>A title's <c>optional</c>.</summary>
    public const bool Optional = false;

    /// <summary>A title's <c>priority</c>, weighed only when the slate is planned with best effort.</summary>
    public const TitlePriority Priority = TitlePriority.Normal;

    /// <summary>A title's <c>drops</c>: one, a whole season at once.</summary>
    public const int Drops = 1;

    /// <summary>A title's <c>dropIntervalDays</c>: weekly.</summary>
    public const int DropIntervalDays = 7;

    /// <summary>A format's <c>valueFactor</c>: the title's value as the value model gives it.</summary>
    public const double ValueFactor = 1;
}
