using Scheduler.Core.Plans;
using Scheduler.Solver.Construction;
using Scheduler.Solver.CpSat;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Neighbourhoods;

/// <summary>What re-optimizing a neighbourhood gave: a slate with its free titles placed anew, or why not.</summary>
internal sealed record NeighbourhoodResult(SearchStatus Status, SlateState? State)
{
    public static NeighbourhoodResult Infeasible { get; } = new(SearchStatus.Infeasible, null);
}

/// <summary>
/// Re-optimizes some titles of a slate exactly with CP-SAT while every other title stays where it
/// is: the model holds only the free titles' candidates that still fit around the fixed ones, and
/// its shared rules count what the fixed titles use (<see cref="ModelOptions.Fixed"/>).
/// </summary>
internal sealed class NeighbourhoodSolver
{
    private readonly CandidateSet _candidates;
    private readonly IModelSearch _search;
    private readonly ModelOptions _options;

    /// <param name="candidates">Every title's candidates.</param>
    /// <param name="search">How models are solved.</param>
    /// <param name="options">The reference plan and move cost of the whole problem, which neighbourhoods keep.</param>
    public NeighbourhoodSolver(CandidateSet candidates, IModelSearch search, ModelOptions options)
    {
        _candidates = candidates;
        _search = search;
        _options = options;
    }

    /// <param name="slate">The slate to start from; it is not changed.</param>
    /// <param name="free">The titles to place anew (placed on the slate or not); each is freed in all its formats.</param>
    /// <param name="limit">Time for the search.</param>
    /// <param name="workers">CP-SAT workers.</param>
    /// <param name="radius">
    /// When set, a placed free title may move at most this many days from each of its current
    /// days: a smaller model that CP-SAT proves many times faster, at little cost in what it finds.
    /// </param>
    /// <param name="cancellationToken">Stops the search; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <param name="repairing">The obligation period to fill, when the slate may fall short of obligations: every other period is then held to what it has now.</param>
    public NeighbourhoodResult Solve(SlateState slate, IReadOnlyCollection<TitleCandidates> free, TimeSpan limit, int workers, CancellationToken cancellationToken, int? radius = null, ObligationShortfall? repairing = null)
    {
        // A title whose other format stayed placed could not take this one: formats are freed together.
        free = _candidates.WithFormats(free);
        var fixedState = slate.Clone();
        foreach (var title in free.Where(t => fixedState[t.Index] is not null))
        {
            fixedState.Remove(title);
        }

        var restricted = _candidates.Restrict(radius is { } r ? free.Select(t => Near(t, slate[t.Index], r)) : free, fixedState);
        if (restricted.Unplaceable.Any())
        {
            return NeighbourhoodResult.Infeasible;
        }

        var shortSomewhere = !_candidates.Scenario.Obligations.IsEmpty && slate.ObligationShortfall() > 0;
        var model = new ReleaseModelBuilder(restricted, _options with { Fixed = fixedState, Current = shortSomewhere ? slate : null, Repairing = repairing }).Build();
        var current = free.Select(slate.AssignmentOf).OfType<Assignment>().ToList();
        var settings = new SearchSettings(limit, 0, workers) { Hint = ModelSolution.Encode(model, current) };
        var result = _search.Solve(model, settings, cancellationToken: cancellationToken);
        if (result.Solution is not { } solution)
        {
            return new NeighbourhoodResult(result.Status, null);
        }

        foreach (var assignment in ModelSolution.Read(model, v => solution[v] != 0))
        {
            var candidates = restricted.ById[assignment.TitleId];
            var placement = PlacementOptions.Of(restricted, candidates, assignment)
                ?? throw new InvalidOperationException($"The neighbourhood solution places '{assignment.TitleId}' off its candidates.");
            fixedState.Place(candidates, placement);
        }

        return new NeighbourhoodResult(result.Status, fixedState);
    }

    private static TitleCandidates Near(TitleCandidates title, Placement? current, int radius)
        => current is null
            ? title
            : title.Filtered(
                day => Math.Abs(day - current.LaunchDay) <= radius,
                (region, day) => Math.Abs(day - current.Days[region]) <= radius);
}
