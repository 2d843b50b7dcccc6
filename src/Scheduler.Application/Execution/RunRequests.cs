using Scheduler.Application.Planning;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Validation;
using Scheduler.Storage;

namespace Scheduler.Application.Execution;

/// <summary>Why a plan asked for in the background was not queued.</summary>
public enum RunRequestProblem
{
    None,

    /// <summary>There is no such stored scenario.</summary>
    UnknownScenario,

    /// <summary>The stored scenario no longer loads, or the variant is unknown or invalid: see the errors.</summary>
    InvalidScenario,

    /// <summary>The scenario implies more candidates than the node plans: the errors hold the sentence.</summary>
    TooLarge,
}

/// <summary>A plan queued in the background (its run), or why it was not.</summary>
public sealed record RunRequestAnswer(long? RunId, RunRequestProblem Problem, IReadOnlyList<ScenarioError> Errors);

/// <summary>
/// Plans asked for to be solved in the background (over HTTP): checked first, so that nothing is
/// queued that cannot be planned, then stored as a queued run and handed to the node's queue.
/// </summary>
public static class RunRequests
{
    /// <param name="database">Where the scenario is stored and the run goes.</param>
    /// <param name="queue">Where the run is solved: this node's background, or the cluster.</param>
    /// <param name="scenarioId">The stored scenario to plan.</param>
    /// <param name="variantId">Its variant to plan, or null for the base.</param>
    /// <param name="settings">The solve settings asked for.</param>
    /// <param name="requestedBy">Who asked, as the audit log names actors.</param>
    /// <param name="memoryLimit">The memory the run may use; a scenario whose candidates need more is refused.</param>
    /// <param name="cancellationToken">Stops the checks; once the run is stored, it gets its job whatever happens.</param>
    public static async Task<RunRequestAnswer> QueueAsync(
        SchedulerDatabase database, IBackgroundSolves queue, long scenarioId, string? variantId, SolveSettings settings, string requestedBy, long memoryLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(settings);
        if (await database.Scenarios.FindAsync(scenarioId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new RunRequestAnswer(null, RunRequestProblem.UnknownScenario, []);
        }

        PlanJob job;
        try
        {
            var input = await StoredScenarios.LoadAsync(database, scenarioId, variantId, cancellationToken: cancellationToken).ConfigureAwait(false);
            job = new PlanJob(input, settings) { Trigger = RunTrigger.Api, RequestedBy = requestedBy, MemoryLimit = memoryLimit };
        }
        catch (ScenarioValidationException ex)
        {
            return new RunRequestAnswer(null, RunRequestProblem.InvalidScenario, ex.Errors);
        }

        // Refused before it is queued: a scenario too large to plan would only run the node out of memory.
        if (job.Refusal is { } refusal)
        {
            return new RunRequestAnswer(null, RunRequestProblem.TooLarge, [new ScenarioError(JsonPath.Root, refusal)]);
        }

        var runId = await database.SolveQueue.QueueAsync(job.Queued(scenarioId), cancellationToken).ConfigureAwait(false);
        await queue.SubmitAsync(runId, CancellationToken.None).ConfigureAwait(false); // once queued, the run must get its job even if the client goes
        return new RunRequestAnswer(runId, RunRequestProblem.None, []);
    }
}
