using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Plans;

/// <summary>A (title, region) release of the plan of record: its date and mode.</summary>
public sealed record PreviousRelease(string Title, string Region, LocalDate Date, string Mode, Instant PublishAt, bool Published);

/// <summary>A drop after the premiere (index 1 and up) of a release of the plan of record, and whether it went live.</summary>
public sealed record PreviousDrop(string Title, string Region, int Index, LocalDate Date, bool Published);

/// <summary>
/// What a replan is measured against (replan contract): the plan of record's releases, which of
/// them are fixed (published, or due before <see cref="FrozenUntil"/>), and the cost of each move.
/// </summary>
public sealed record ReplanContext(ImmutableArray<PreviousRelease> Previous, Instant FrozenUntil, double MoveCost)
{
    /// <summary>The later drops of the plan of record's weekly and batched releases; the published ones are facts a replan keeps.</summary>
    public ImmutableArray<PreviousDrop> PreviousDrops { get; init; } = [];

    /// <summary>
    /// A plan as the one a replan is measured against when nothing of it is published or frozen (a
    /// planner's re-plan from a run with some releases pinned): each move is charged, none is forbidden.
    /// </summary>
    public static ReplanContext Unfrozen(Plan plan, double moveCost)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode, StringComparer.Ordinal);
        return new ReplanContext(
            [.. plan.Releases.Select(r => new PreviousRelease(r.Title, r.Region, r.Date, modes.GetValueOrDefault(r.Title) ?? PlanModes.Global, r.PublishAt, Published: false))],
            Instant.MinValue,
            moveCost);
    }

    /// <summary>Published releases, and those due before the end of the frozen window: kept as they are.</summary>
    public IEnumerable<PreviousRelease> Fixed => Previous.Where(p => p.Published || p.PublishAt < FrozenUntil);

    /// <summary>The releases of a new plan that differ from the plan of record in date or mode (new titles are not moves).</summary>
    public IEnumerable<(PreviousRelease From, ReleasePlan To)> Moves(IEnumerable<ReleasePlan> releases, IReadOnlyDictionary<string, string?> modes)
    {
        var previous = Previous.ToDictionary(p => (p.Title, p.Region));
        foreach (var release in releases)
        {
            if (previous.TryGetValue((release.Title, release.Region), out var before)
                && (before.Date != release.Date || before.Mode != modes.GetValueOrDefault(release.Title)))
            {
                yield return (before, release);
            }
        }
    }
}
