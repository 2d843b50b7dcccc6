namespace Scheduler.Solver.CpSat;

/// <summary>How a search ended.</summary>
internal enum SearchStatus
{
    /// <summary>CP-SAT stopped with its stop criterion met: proven optimal, or within the requested relative gap.</summary>
    Optimal,

    /// <summary>A solution, without reaching the requested gap (the time limit, or a stop).</summary>
    Feasible,

    /// <summary>No solution exists.</summary>
    Infeasible,

    /// <summary>Neither a solution nor a proof that none exists.</summary>
    Unknown,
}

/// <summary>How to search: the search strategy, kept apart from the model.</summary>
/// <param name="TimeLimit">Wall-clock limit of the search.</param>
/// <param name="RelativeGap">Stop once the solution is proven within this relative gap of the bound.</param>
/// <param name="Workers">CP-SAT workers (threads); one gives the same answer for the same input.</param>
internal sealed record SearchSettings(TimeSpan TimeLimit, double RelativeGap, int Workers)
{
    /// <summary>The fixed random seed that makes one-worker searches repeatable.</summary>
    public int Seed { get; init; } = 20270101;

    /// <summary>Let CP-SAT print its own log to standard output.</summary>
    public bool Log { get; init; }

    /// <summary>A complete assignment to start from (one value per variable), or null.</summary>
    public IReadOnlyList<long>? Hint { get; init; }

    /// <summary>Assumption literals to solve under; an infeasible search then names a subset of them that conflicts.</summary>
    public IReadOnlyList<int>? Assumptions { get; init; }

    /// <summary>
    /// Ends the search early and keeps what it found, as its time limit would (a planner's "finish
    /// now"); unlike the cancellation token, no exception is thrown.
    /// </summary>
    public CancellationToken Stop { get; init; }

    /// <summary>
    /// Count <see cref="TimeLimit"/> in CP-SAT's deterministic time (<see cref="WorkPerSecond"/> units a
    /// second) rather than on the wall clock, so that a one-worker search ends at the same point
    /// every time; the wall clock then only stops a search that runs <see cref="WallCap"/> times longer.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>
    /// CP-SAT deterministic time per second of search on the release models, one worker, measured
    /// on the contended benchmark slates (bench/README.md, "Reproducible runs").
    /// </summary>
    public const double WorkPerSecond = 0.45;

    /// <summary>How many times its limit a deterministic search may take on the wall clock before it is stopped (then it is no longer repeatable).</summary>
    public const double WallCap = 20;

    /// <summary>
    /// The CP-SAT parameters for these settings. Measured on the bundled and contended slates
    /// (bench/README.md): probing off, and the full search on the strongest linear relaxation
    /// (linearization level 2, CP-SAT's "max_lp" worker), which proves these models optimal many
    /// times faster than the default portfolio on two cores.
    /// </summary>
    public SatParameterSet Parameters()
    {
        var workers = Math.Max(1, Workers);
        var parameters = new SatParameterSet()
            .Set("num_workers", workers)
            .Set("max_time_in_seconds", Math.Max(0.01, TimeLimit.TotalSeconds) * (Deterministic ? WallCap : 1))
            .Set("random_seed", Seed)
            .Set("cp_model_probing_level", 0)
            .Set("log_search_progress", Log)

            // Ctrl-C stops searches through their cancellation token. CP-SAT's own SIGINT handler,
            // installed and restored around each solve, is not safe with several solves at once.
            .Set("catch_sigint_signal", false);
        if (Deterministic)
        {
            parameters.Set("max_deterministic_time", Math.Max(0.01, TimeLimit.TotalSeconds) * WorkPerSecond);
        }

        if (RelativeGap > 0)
        {
            parameters.Set("relative_gap_limit", RelativeGap);
        }

        if (workers == 1)
        {
            parameters.Set("linearization_level", 2);
        }
        else
        {
            foreach (var subsolver in FullSearches.Take(workers - 1))
            {
                parameters.Add("subsolvers", subsolver);
            }
        }

        return parameters;
    }

    // The full-problem searches in order of use: one worker is kept for first solutions and
    // neighbourhood searches, every other one runs the next of these.
    private static readonly string[] FullSearches = ["max_lp", "core", "default_lp", "quick_restart", "reduced_costs", "no_lp"];
}

/// <summary>What a search found, in the exact objective's units.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Solution">The value of every variable in the best solution, when there is one.</param>
/// <param name="Objective">The best solution's objective as CP-SAT saw it (rounded coefficients), when there is one.</param>
/// <param name="Bound">A proven upper bound of the exact objective, when one is known.</param>
/// <param name="Elapsed">Wall-clock time of the search.</param>
/// <param name="Core">When infeasible under assumptions: assumption literals that together cannot hold.</param>
internal sealed record SearchResult(
    SearchStatus Status,
    IReadOnlyList<long>? Solution,
    double? Objective,
    double? Bound,
    TimeSpan Elapsed,
    IReadOnlyList<int> Core)
{
    /// <summary>The search's deterministic time, in seconds of <see cref="SearchSettings.WorkPerSecond"/>.</summary>
    public TimeSpan Work { get; init; }
}

/// <summary>Told of each better solution and each better bound, in the exact objective's units.</summary>
internal interface ISearchObserver
{
    void Improved(double? incumbent, double? bound);
}

/// <summary>Solves a release model.</summary>
internal interface IModelSearch
{
    /// <param name="model">The model; its hint and assumptions are set from <paramref name="settings"/>.</param>
    /// <param name="settings">Limits, workers, hint and assumptions.</param>
    /// <param name="observer">Told of progress, from the solver's threads.</param>
    /// <param name="cancellationToken">Stops the search at once; then <see cref="OperationCanceledException"/> is thrown.</param>
    SearchResult Solve(ReleaseModel model, SearchSettings settings, ISearchObserver? observer = null, CancellationToken cancellationToken = default);
}
