namespace Scheduler.Core.Domain;

/// <summary>Capacity rules per region and date, tentpole spacing and the weekly marketing budget.</summary>
public sealed class Capacity
{
    public static readonly Capacity Default = new(ScenarioDefaults.PerDay, ScenarioDefaults.TentpolesPerDay, ScenarioDefaults.TentpoleSpacingDays, null);

    public Capacity(int perDay, int tentpolesPerDay, int tentpoleSpacingDays, double? marketingBudgetPerWeek)
    {
        PerDay = Preconditions.CheckAtLeast(perDay, 1);
        TentpolesPerDay = Preconditions.CheckAtLeast(tentpolesPerDay, 0);
        TentpoleSpacingDays = Preconditions.CheckAtLeast(tentpoleSpacingDays, 0);
        MarketingBudgetPerWeek = marketingBudgetPerWeek is { } budget ? Preconditions.CheckFinite(budget, 0) : null;
    }

    /// <summary>At most this many releases in one region on one date.</summary>
    public int PerDay { get; }

    /// <summary>At most this many tentpole releases in one region on one date.</summary>
    public int TentpolesPerDay { get; }

    /// <summary>Two tentpoles in one region are at least this many days apart.</summary>
    public int TentpoleSpacingDays { get; }

    /// <summary>Marketing spend allowed per ISO week (Monday to Sunday) of launch dates; null means no limit.</summary>
    public double? MarketingBudgetPerWeek { get; }
}

/// <summary>Costs subtracted from the total value.</summary>
public sealed class ObjectiveWeights
{
    public static readonly ObjectiveWeights Default = new(ScenarioDefaults.GenreClashCost, ScenarioDefaults.MoveCost);

    public ObjectiveWeights(double genreClashCost, double moveCost)
    {
        GenreClashCost = Preconditions.CheckFinite(genreClashCost, 0);
        MoveCost = Preconditions.CheckFinite(moveCost, 0);
    }

    public double GenreClashCost { get; }

    public double MoveCost { get; }
}

/// <summary>Nightly replan settings.</summary>
public sealed class ReplanSettings
{
    public static readonly ReplanSettings Default = new(ScenarioDefaults.FreezeDays);

    public ReplanSettings(int freezeDays)
    {
        FreezeDays = Preconditions.CheckAtLeast(freezeDays, 0);
    }

    /// <summary>Releases published or due within this many days are never moved.</summary>
    public int FreezeDays { get; }
}

/// <summary>Solver defaults that command-line options override.</summary>
public sealed class SolverSettings
{
    public static readonly SolverSettings Default = new(ScenarioDefaults.TimeLimitSeconds, ScenarioDefaults.RelativeGap, ScenarioDefaults.BestEffort);

    public SolverSettings(double timeLimitSeconds, double relativeGap, bool bestEffort = ScenarioDefaults.BestEffort)
    {
        TimeLimitSeconds = Preconditions.CheckPositive(timeLimitSeconds);
        RelativeGap = Preconditions.CheckFinite(relativeGap, 0);
        BestEffort = bestEffort;
    }

    public double TimeLimitSeconds { get; }

    public double RelativeGap { get; }

    /// <summary>When the slate cannot be planned whole, plan the most valuable part of it (docs/explanations.md, "Best effort").</summary>
    public bool BestEffort { get; }
}
