using Scheduler.Core.Plans;

namespace Scheduler.Solver.CpSat;

/// <summary>What a model is built for, besides the scenario's own rules and values.</summary>
internal sealed record ModelOptions
{
    /// <summary>A plan to stay close to: each of its releases kept on its date and mode earns <see cref="ReferenceBonus"/>.</summary>
    public IReadOnlyList<Assignment>? Reference { get; init; }

    /// <summary>What keeping one release of <see cref="Reference"/> is worth.</summary>
    public double ReferenceBonus { get; init; }

    /// <summary>
    /// For a replan whose reference is the plan of record: each release of it that is not kept is
    /// charged this move cost, exactly as the objective of docs/scenario-format.md counts it.
    /// </summary>
    public double MoveCost { get; init; }

    /// <summary>
    /// For a neighbourhood: the titles that stay where they are. The model then holds only the
    /// candidates it is given (the free titles, already restricted to what the fixed ones leave),
    /// and every shared rule counts what the fixed titles use: capacity and tentpoles left on each
    /// day, budget left in each week, and titles of each genre already in each region and week.
    /// </summary>
    public Construction.SlateState? Fixed { get; init; }

    /// <summary>
    /// For a neighbourhood of a slate that may still fall short of an obligation somewhere: the slate
    /// as it stands. Each period then asks for no more premieres than it has now (up to the
    /// obligation's minimum), so that a repair elsewhere is not held to periods it cannot reach;
    /// only <see cref="Repairing"/> asks for the full minimum.
    /// </summary>
    public Construction.SlateState? Current { get; init; }

    /// <summary>The obligation period a neighbourhood is solved to fill (with <see cref="Current"/>).</summary>
    public Construction.ObligationShortfall? Repairing { get; init; }

    /// <summary>Give every variable and constraint a readable name (for exports).</summary>
    public bool Names { get; init; }

    /// <summary>
    /// Build a feasibility model for explaining infeasibility: every hard-rule instance is switched
    /// on by its own assumption literal, and there is no objective.
    /// </summary>
    public bool Assumptions { get; init; }
}
