using Scheduler.Publishing.Solving;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler compare SCENARIO --on-cluster</c>: stores the scenario, queues the base and each
/// variant as solve jobs the serve nodes share, follows them, and gives back the comparison as a
/// local <c>compare</c> makes it (the runs are stored by the nodes that solved them).
/// </summary>
internal static class CompareOnCluster
{
    /// <returns>The comparison, or null with the exit code when it could not be made.</returns>
    public static async Task<(Comparison? Comparison, int ExitCode)> RunAsync(
        CliContext context,
        SchedulerDatabase database,
        ScenarioInput baseInput,
        IReadOnlyList<string> variants,
        bool anchored,
        SolveSettings settings,
        bool progress,
        CancellationToken cancellationToken)
    {
        var scenario = baseInput.Scenario;
        if (CandidateEstimate.Refusal(scenario, CandidateEstimate.NameOf(scenario.Name, null), CandidateEstimate.Limit) is { } refusal)
        {
            await context.Error.WriteLineAsync(refusal).ConfigureAwait(false);
            return (null, ExitCodes.InvalidInput);
        }

        await using var cluster = await ClusterRuns.ConnectAsync(context, database, cancellationToken).ConfigureAwait(false);
        if (cluster is null)
        {
            return (null, ExitCodes.InvalidInput);
        }

        var document = baseInput.Document;
        var scenarioId = await database.Scenarios.StoreAsync(document.Content, scenario.Name, document.Sha256, cancellationToken).ConfigureAwait(false);
        var queued = await ClusterComparisons.QueueAsync(
            database, cluster.Scheduler, scenarioId, document, variants, anchored, settings, RunTriggers.Compare, Database.Actor, cancellationToken).ConfigureAwait(false);
        await context.Error.WriteLineAsync($"Comparison {queued.Id} queued on the cluster of {database.Display}: runs {string.Join(", ", queued.RunIds)}.").ConfigureAwait(false);
        await cluster.WarnWithoutNodesAsync(context, cancellationToken).ConfigureAwait(false);
        var labels = new Dictionary<long, string> { [queued.BaseRunId] = "base" };
        foreach (var (variant, runId) in queued.Variants.Where(v => v.RunId is not null))
        {
            labels[runId!.Value] = $"variant {variant}";
        }

        try
        {
            await ClusterRuns.FollowAsync(context, database, labels, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync($"Interrupted: the runs of comparison {queued.Id} were cancelled on the cluster; nothing was written.").ConfigureAwait(false);
            return (null, ExitCodes.Interrupted);
        }

        return (await ClusterComparisons.AssembleAsync(database, queued.Id, document, CancellationToken.None).ConfigureAwait(false), ExitCodes.Ok);
    }
}
