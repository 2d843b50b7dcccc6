using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Core.Domain;

/// <summary>
/// Rule 11 (docs/scenario-format.md, "Holdbacks"): an outside event, such as a theatrical premiere
/// or a linear broadcast, that the title may not stream before: in each of <see cref="Regions"/>
/// (all the title's regions when empty) its premiere is on or after <see cref="Date"/> + <see cref="Days"/>.
/// </summary>
public sealed class Holdback
{
    /// <summary>The longest holdback, in days: ten years.</summary>
    public const int MaxDays = 3660;

    public Holdback(LocalDate date, string name, int days, IEnumerable<string> regions)
    {
        Date = date;
        Name = Preconditions.CheckNotNull(name);
        Days = Preconditions.CheckInRange(days, 0, MaxDays);
        Regions = [.. Preconditions.CheckNotNull(regions)];
    }

    /// <summary>The date of the outside event.</summary>
    public LocalDate Date { get; }

    /// <summary>What the outside event is, in the planner's words ("theatrical premiere").</summary>
    public string Name { get; }

    /// <summary>Days after <see cref="Date"/> before the title may premiere.</summary>
    public int Days { get; }

    /// <summary>The regions it holds in; empty means every region of the title.</summary>
    public ImmutableArray<string> Regions { get; }

    /// <summary>The first date the title may premiere where the holdback holds.</summary>
    public LocalDate Until => Date.PlusDays(Days);

    public bool HoldsIn(string regionId) => Regions.IsEmpty || Regions.Contains(regionId);
}
