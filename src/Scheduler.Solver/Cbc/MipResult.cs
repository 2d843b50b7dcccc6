namespace Scheduler.Solver.Cbc;

/// <summary>The outcome of one solve.</summary>
public sealed class MipResult
{
    private static readonly double[] NoValues = [];

    /// <param name="status">How the solve ended.</param>
    /// <param name="sense">The model's sense, which decides the sign of the gap.</param>
    /// <param name="objective">Objective of the solution; ignored unless there is one.</param>
    /// <param name="bestBound">Proven bound on the optimum, or NaN when unknown.</param>
    /// <param name="columnValues">The solution, one value per column; ignored unless there is one.</param>
    /// <param name="elapsed">Wall-clock time spent in the solver.</param>
    public MipResult(
        MipStatus status,
        ObjectiveSense sense,
        double objective,
        double bestBound,
        IReadOnlyList<double>? columnValues,
        TimeSpan elapsed)
    {
        Status = status;
        HasSolution = status is MipStatus.Optimal or MipStatus.Feasible;
        Objective = HasSolution ? objective : double.NaN;
        BestBound = status is MipStatus.Infeasible or MipStatus.Unbounded ? double.NaN : bestBound;
        ColumnValues = HasSolution ? columnValues ?? NoValues : NoValues;
        Elapsed = elapsed;
        RelativeGap = HasSolution ? GapBetween(sense, Objective, BestBound) : double.NaN;
    }

    public MipStatus Status { get; }

    /// <summary>Why the solver produced nothing when it failed rather than ran out of time (a crashed worker process, say).</summary>
    public string? Failure { get; init; }

    /// <summary>True for <see cref="MipStatus.Optimal"/> and <see cref="MipStatus.Feasible"/>.</summary>
    public bool HasSolution { get; }

    /// <summary>Objective value of <see cref="ColumnValues"/>; NaN without a solution.</summary>
    public double Objective { get; }

    /// <summary>
    /// No solution can beat this: an upper bound when maximising, a lower bound when minimising.
    /// NaN when unknown, and always for infeasible or unbounded models.
    /// </summary>
    public double BestBound { get; }

    /// <summary>
    /// <c>(bound - objective) / max(1, |objective|)</c> when maximising, mirrored when
    /// minimising; never negative. NaN without a solution or a bound.
    /// </summary>
    public double RelativeGap { get; }

    /// <summary>
    /// The solution, indexed like the model's columns; empty without one. Integer columns
    /// carry the solver's tolerance (e.g. 0.9999999), so round them before use.
    /// </summary>
    public IReadOnlyList<double> ColumnValues { get; }

    public TimeSpan Elapsed { get; }

    private static double GapBetween(ObjectiveSense sense, double objective, double bound)
    {
        if (double.IsNaN(bound))
        {
            return double.NaN;
        }

        var distance = sense == ObjectiveSense.Maximize ? bound - objective : objective - bound;

        // Tolerances can put the incumbent a hair beyond the bound; that is still no gap.
        return Math.Max(0, distance) / Math.Max(1, Math.Abs(objective));
    }
}
