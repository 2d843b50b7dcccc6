using Scheduler.Core.Domain;

namespace Scheduler.Solver.Diagnosis;

/// <summary>How a sequel's gap is told: from its predecessor, or from the predecessor's last drop when it has several.</summary>
internal static class SequelWording
{
    public static string GapFrom(Title predecessor)
    {
        ArgumentNullException.ThrowIfNull(predecessor);
        return predecessor.Drops > 1 ? $"{predecessor.Id}'s last drop" : predecessor.Id;
    }
}
