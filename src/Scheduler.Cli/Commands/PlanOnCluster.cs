using Scheduler.Core.Plans;
using Scheduler.Publishing.Jobs;
using Scheduler.Publishing.Solving;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler plan FILE --on-cluster</c>: stores the scenario, queues its solve as a job any serve
/// node may take, follows it, and reports the stored run as <c>plan</c> reports a local one (same
/// outputs, same exit codes). The plan is verified again here before anything is written.
/// </summary>
internal static class PlanOnCluster
{
    public static async Task<int> RunAsync(CliContext context, ScenarioInput input, PlanRequest request, SolveSettings settings, PlanCommand.Outputs outputs, CancellationToken cancellationToken)
    {
        var database = outputs.Database!;
        if (CandidateEstimate.Refusal(input.Scenario, CandidateEstimate.NameOf(input.Scenario.Name, input.VariantId), request.CandidateLimit) is { } refusal)
        {
            await context.Error.WriteLineAsync(refusal).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        await using var cluster = await ClusterRuns.ConnectAsync(context, database, cancellationToken).ConfigureAwait(false);
        if (cluster is null)
        {
            return ExitCodes.InvalidInput;
        }

        var scenarioId = await database.Scenarios.StoreAsync(input.Document.Content, input.Document.Scenario.Name, input.Document.Sha256, cancellationToken).ConfigureAwait(false);
        var runId = await database.Runs.QueueAsync(
            new QueuedRun(scenarioId, input.VariantId, RunTriggers.Cli)
            {
                RequestedBy = Database.Actor,
                Settings = settings.ToJson(),
                Progress = RunProgress.Queued(request.TimeLimit).ToJson(),
            },
            cancellationToken).ConfigureAwait(false);
        await SolveJobs.QueueAsync(cluster.Scheduler, runId, CancellationToken.None).ConfigureAwait(false); // a queued run always gets its job
        await cluster.WarnWithoutNodesAsync(context, cancellationToken).ConfigureAwait(false);
        try
        {
            await ClusterRuns.FollowAsync(context, database, new Dictionary<long, string> { [runId] = input.VariantId ?? "base" }, outputs.Progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync($"Interrupted: run {runId} was cancelled on the cluster; nothing was written.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }

        var run = (await database.Runs.FindAsync(runId, CancellationToken.None).ConfigureAwait(false))!;
        if (run.State != RunStates.Done)
        {
            await context.Error.WriteLineAsync($"Run {runId} {run.State} on the cluster; no plan file was written:").ConfigureAwait(false);
            foreach (var message in run.Messages)
            {
                await context.Error.WriteLineAsync($"- {message}").ConfigureAwait(false);
            }

            return run.State == RunStates.Cancelled ? ExitCodes.Interrupted : ExitCodes.InternalError;
        }

        var outcome = StoredOutcomes.Of(run, input.Scenario);
        var planJson = outcome.Plan is { } plan && outcome.Verification is { IsValid: true } ? PlanJson.Write(plan) : null;
        var exitCode = await PlanCommand.ReportAsync(context, request, outputs, outcome, planJson, cancellationToken).ConfigureAwait(false);
        await PlanCommand.StoredAsync(context, outputs, runId, exitCode, cancellationToken).ConfigureAwait(false);
        return exitCode;
    }
}
