namespace Scheduler.Core.Generation;

/// <summary>The knobs that make a generated slate more or less contended.</summary>
/// <param name="CapacityFactor">perDay as a multiple of the load (see <paramref name="CapacityOfBusiestQuarter"/>).</param>
/// <param name="CapacityOfBusiestQuarter">Measure the load in the busiest quarter of the busiest region (else the average over the horizon).</param>
/// <param name="TentpoleShare">Share of titles that are tentpoles.</param>
/// <param name="TentpoleSpacingDays">capacity.tentpoleSpacingDays.</param>
/// <param name="BudgetFactor">The weekly marketing budget as a multiple of the busiest quarter's weekly spend.</param>
/// <param name="MarketedShare">Share of titles besides tentpoles that carry a marketing cost.</param>
/// <param name="WindowWeeks">Length of a title's window in weeks.</param>
/// <param name="PeakShare">Share of titles whose preferred date falls in a peak season (summer, the holidays).</param>
/// <param name="LateReadinessShare">Share of titles with regions that are ready only late in the window.</param>
/// <param name="SequelShare">Share of titles that follow an earlier one (chains form naturally).</param>
/// <param name="StaggerDays">staggerMaxDays of staggered titles (null: the default of 28).</param>
/// <param name="GenreClashCost">objective.genreClashCost.</param>
/// <param name="DelayCost">delayCostPerWeek of titles with a preferred date: the range it is drawn from.</param>
internal sealed record ContentionProfile(
    double CapacityFactor,
    bool CapacityOfBusiestQuarter,
    double TentpoleShare,
    int TentpoleSpacingDays,
    double BudgetFactor,
    double MarketedShare,
    (int Min, int Max) WindowWeeks,
    double PeakShare,
    double LateReadinessShare,
    double SequelShare,
    (int Min, int Max)? StaggerDays,
    double GenreClashCost,
    (double Min, double Max) DelayCost)
{
    public static ContentionProfile For(Contention contention) => contention switch
    {
        Contention.Low => new(2.5, false, 0.05, 7, 3.0, 0.0, (4, 26), 0.0, 0.2, 0.1, null, 0.5, (0.02, 0.10)),
        Contention.Medium => new(1.6, true, 0.1, 14, 1.5, 0.2, (3, 16), 0.4, 0.3, 0.15, (14, 28), 1.0, (0.02, 0.10)),
        _ => new(1.3, true, 0.15, 14, 1.1, 0.35, (2, 10), 0.6, 0.4, 0.2, (7, 14), 1.5, (0.05, 0.15)),
    };
}
