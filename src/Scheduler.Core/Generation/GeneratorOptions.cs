namespace Scheduler.Core.Generation;

/// <summary>The size and seed of a synthetic scenario.</summary>
public sealed record GeneratorOptions
{
    public GeneratorOptions(int titles, int regions, int years, int seed, int releaseDaysPerWeek = 1)
    {
        Titles = Preconditions.CheckAtLeast(titles, 1);
        Regions = Preconditions.CheckAtLeast(regions, 1);
        Years = Preconditions.CheckAtLeast(years, 1);
        Seed = seed;
        Preconditions.CheckArgument(releaseDaysPerWeek is >= 1 and <= 7, "Release days per week must be 1 to 7.");
        ReleaseDaysPerWeek = releaseDaysPerWeek;
    }

    public int Titles { get; }

    public int Regions { get; }

    public int Years { get; }

    public int Seed { get; }

    /// <summary>1: Fridays; 2: Wednesdays and Fridays; and so on through the week.</summary>
    public int ReleaseDaysPerWeek { get; }
}
