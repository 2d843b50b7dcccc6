namespace Scheduler.Core.Generation;

/// <summary>How hard a generated slate fights over its dates.</summary>
public enum Contention
{
    /// <summary>Daily capacity 2.5 times the average load, long windows, few tentpoles: greedy is near optimal.</summary>
    Low,

    /// <summary>Capacity 1.6 times the busiest quarter's load, two-week tentpole spacing, a budget that binds in peaks.</summary>
    Medium,

    /// <summary>
    /// Capacity at most 1.3 times the busiest quarter's load, peak seasons wanted by most titles,
    /// binding spacing and budget, late readiness, sequel chains and short stagger windows.
    /// </summary>
    High,
}

/// <summary>The size, seed and contention of a synthetic scenario.</summary>
public sealed record GeneratorOptions
{
    public GeneratorOptions(int titles, int regions, int years, int seed, int releaseDaysPerWeek = 1, Contention contention = Contention.Medium)
    {
        Titles = Preconditions.CheckAtLeast(titles, 1);
        Regions = Preconditions.CheckAtLeast(regions, 1);
        Years = Preconditions.CheckAtLeast(years, 1);
        Seed = seed;
        Preconditions.CheckArgument(releaseDaysPerWeek is >= 1 and <= 7, "Release days per week must be 1 to 7.");
        ReleaseDaysPerWeek = releaseDaysPerWeek;
        Preconditions.CheckArgument(Enum.IsDefined(contention), "Unknown contention.");
        Contention = contention;
    }

    public int Titles { get; }

    public int Regions { get; }

    public int Years { get; }

    public int Seed { get; }

    /// <summary>1: Fridays; 2: Wednesdays and Fridays; and so on through the week.</summary>
    public int ReleaseDaysPerWeek { get; }

    public Contention Contention { get; }
}
