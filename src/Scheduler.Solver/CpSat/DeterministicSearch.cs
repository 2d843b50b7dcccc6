namespace Scheduler.Solver.CpSat;

/// <summary>
/// Searches of a seeded run: each search is limited by CP-SAT's deterministic time instead of the
/// wall clock (<see cref="SearchSettings.Deterministic"/>) and seeded with the run's seed, and the
/// work it did advances the run's <see cref="WorkClock"/>. With one worker the same model then gives
/// the same answer, however long the search took.
/// </summary>
internal sealed class DeterministicSearch(IModelSearch inner, WorkClock clock, int seed) : IModelSearch
{
    // Building and reading a model around each search is work too: counted at this much a search,
    // measured as the wall time a neighbourhood takes beyond CP-SAT's on contended-large
    // (bench/README.md, "Reproducible runs"). It also makes every loop of searches end.
    private static readonly TimeSpan SearchOverhead = TimeSpan.FromSeconds(0.3);

    public SearchResult Solve(ReleaseModel model, SearchSettings settings, ISearchObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = inner.Solve(model, settings with { Deterministic = true, Seed = seed }, observer, cancellationToken);
        clock.Advance(result.Work + SearchOverhead);
        return result;
    }
}
