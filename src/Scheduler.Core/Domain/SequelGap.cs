namespace Scheduler.Core.Domain;

/// <summary>In every region where both release, the follower's date is at least <see cref="MinGapDays"/> after <see cref="TitleId"/>'s.</summary>
public sealed class SequelGap
{
    public SequelGap(string titleId, int minGapDays)
    {
        TitleId = Preconditions.CheckId(titleId);
        MinGapDays = Preconditions.CheckAtLeast(minGapDays, 0);
    }

    public string TitleId { get; }

    public int MinGapDays { get; }
}
