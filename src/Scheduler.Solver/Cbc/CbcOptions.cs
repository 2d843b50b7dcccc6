namespace Scheduler.Solver.Cbc;

/// <summary>How long and how hard CBC may work on one solve.</summary>
public sealed record CbcOptions
{
    /// <summary>Wall-clock limit for the solve, or null for none.</summary>
    /// <remarks>
    /// Counted from the start of the solve, but CBC first checks it after solving the root LP
    /// relaxation, which always runs to completion: a random 100,000-column, 500,000-nonzero
    /// model given 5 seconds spent 70 seconds in its root LP and only then stopped.
    /// </remarks>
    public TimeSpan? TimeLimit
    {
        get;
        init
        {
            if (value is { } limit && limit <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), limit, "A time limit must be positive.");
            }

            field = value;
        }
    }

    /// <summary>
    /// Stop once <c>|bound - objective| / max(1, |objective|)</c> falls to this; such a solution is
    /// reported as <see cref="MipStatus.Optimal"/>. The default matches common commercial solvers;
    /// CBC's own default of 0 can spend a long time closing a negligible gap.
    /// </summary>
    public double RelativeGap
    {
        get;
        init
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The relative gap must be finite and non-negative.");
            }

            field = value;
        }
    } = 1e-4;

    /// <summary>Threads for the tree search. More threads make runs non-repeatable.</summary>
    public int Threads
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = Environment.ProcessorCount;

    /// <summary>CBC's log level; anything above 0 prints to the process's standard output.</summary>
    public int LogLevel
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    }

    /// <summary>
    /// A known solution, one value per column, to start the search from. Only the integer
    /// columns' values are passed on; CBC completes the continuous ones by solving an LP.
    /// </summary>
    public IReadOnlyList<double>? MipStart { get; init; }
}
