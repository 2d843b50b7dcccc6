namespace Scheduler.Core.Domain;

/// <summary>
/// One way a title may be released, chosen by the plan: how many
/// drops, how many days apart, and what the format does to the title's value. A title with several
/// formats is released in exactly one of them, the same in every region; the plan chooses which.
/// </summary>
public sealed class ReleaseFormat
{
    /// <summary>The most formats a title may offer.</summary>
    public const int MaxPerTitle = 8;

    public ReleaseFormat(string id, int drops, int dropIntervalDays, double valueFactor)
    {
        Id = Preconditions.CheckId(id);
        Drops = Preconditions.CheckInRange(drops, Title.MinDrops, Title.MaxDrops);
        DropIntervalDays = Preconditions.CheckInRange(dropIntervalDays, Title.MinDropIntervalDays, Title.MaxDropIntervalDays);
        ValueFactor = Preconditions.CheckPositive(valueFactor);
    }

    /// <summary>The format's id, a slug unique within its title ("binge", "weekly").</summary>
    public string Id { get; }

    /// <summary>How many times the title goes live in each region in this format.</summary>
    public int Drops { get; }

    /// <summary>Days between consecutive drops.</summary>
    public int DropIntervalDays { get; }

    /// <summary>What the title's value is multiplied by in this format (greater than 0).</summary>
    public double ValueFactor { get; }

    public override string ToString() => Id;
}
