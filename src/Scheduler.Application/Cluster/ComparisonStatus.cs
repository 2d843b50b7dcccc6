using Scheduler.Application.Comparing;
using Scheduler.Application.Scenarios;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

/// <summary>Where a comparison queued on the cluster stands, taken as a whole.</summary>
public enum ComparisonState
{
    /// <summary>No run of it has been taken yet.</summary>
    Queued,

    /// <summary>Some run of it is being solved.</summary>
    Running,

    /// <summary>Every run of it has ended.</summary>
    Done,
}

/// <summary>A comparison queued on the cluster: what was asked, each run as it stands, and once every run has ended, the comparison itself.</summary>
public sealed record ComparisonStatus(StoredComparison Comparison, ComparisonState State, IReadOnlyList<StoredRun> Runs, ComparisonResult? Result)
{
    /// <summary>The comparison's status; null when there is no comparison <paramref name="comparisonId"/>.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The stored scenario no longer loads: its runs failed with these errors, and there is nothing to compare.</exception>
    public static async Task<ComparisonStatus?> ReadAsync(SchedulerDatabase database, long comparisonId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (await database.Comparisons.FindAsync(comparisonId, cancellationToken).ConfigureAwait(false) is not { } comparison)
        {
            return null;
        }

        // Assembled first: an ended run never runs again, so the runs read after it agree with it.
        var document = await StoredScenarios.DocumentAsync(database, comparison.ScenarioId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = await ClusterComparisons.AssembleAsync(database, comparisonId, document, cancellationToken).ConfigureAwait(false);
        var runs = new List<StoredRun>();
        foreach (var run in await database.SolveQueue.OfComparisonAsync(comparisonId, cancellationToken).ConfigureAwait(false))
        {
            runs.Add((await database.Runs.FindAsync(run.RunId, cancellationToken).ConfigureAwait(false))!);
        }

        var state = result is not null ? ComparisonState.Done
            : runs.Any(r => r.State == RunState.Running) ? ComparisonState.Running
            : ComparisonState.Queued;
        return new ComparisonStatus(comparison, state, runs, result);
    }
}
