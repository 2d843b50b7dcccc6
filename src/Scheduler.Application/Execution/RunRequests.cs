using System.Text.Json.Nodes;
using Scheduler.Application.Fitting;
using Scheduler.Application.Planning;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Explanations;
using Scheduler.Core.Loading;
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

    /// <summary>A re-plan from a run there is not.</summary>
    UnknownRun,

    /// <summary>A re-plan from a run without a verified plan.</summary>
    NoPlan,

    /// <summary>A re-plan's pins name a title, region, mode or date its scenario does not have: <see cref="RunRequestAnswer.MoveErrors"/>.</summary>
    InvalidPins,

    /// <summary>A re-plan's new or changed title is not valid in the run's scenario: the errors, at paths under <c>$.title</c>.</summary>
    InvalidTitle,
}

/// <summary>A plan queued in the background (its run), or why it was not.</summary>
public sealed record RunRequestAnswer(long? RunId, RunRequestProblem Problem, IReadOnlyList<ScenarioError> Errors)
{
    /// <summary>A re-plan's pins that cannot be applied, each at its path (<c>$.pins[0].date</c>).</summary>
    public IReadOnlyList<MoveError> MoveErrors { get; init; } = [];
}

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

        return await QueueAsync(database, queue, scenarioId, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues a re-plan of the stored run <paramref name="runId"/>'s scenario from its plan, with
    /// <paramref name="pins"/> made announcements: each release moved is charged
    /// <c>objective.moveCost</c> (docs/http-api.md, "Pinning and re-planning"). With a
    /// <paramref name="title"/> (new, or a planned one with the fields that change, as a fit takes
    /// it), the scenario is first stored as a new version holding it, and the re-plan plans that.
    /// </summary>
    public static async Task<RunRequestAnswer> QueueReplanAsync(
        SchedulerDatabase database, IBackgroundSolves queue, long runId, IReadOnlyList<ReleaseMove> pins, JsonObject? title, SolveSettings settings, string requestedBy, long memoryLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(pins);
        ArgumentNullException.ThrowIfNull(settings);
        var found = await StoredPlan.FindAsync(database, runId, cancellationToken).ConfigureAwait(false);
        if (found.Run is not { } run)
        {
            return new RunRequestAnswer(null, RunRequestProblem.UnknownRun, []);
        }

        if (found.Plan is not { } plan)
        {
            return new RunRequestAnswer(null, RunRequestProblem.NoPlan, [new ScenarioError(JsonPath.Root, $"Run {runId} has no verified plan to re-plan from (status {run.Status}{found.Why}).")]);
        }

        ScenarioInput input;
        try
        {
            input = await StoredScenarios.OfRunAsync(database, run, cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioValidationException ex)
        {
            return new RunRequestAnswer(null, RunRequestProblem.InvalidScenario, ex.Errors);
        }

        var changed = false;
        if (title is not null)
        {
            var (withTitle, problem) = await WithTitleAsync(run, input, title, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            (input, changed) = (withTitle!, true);
        }

        var invalid = ReleaseMoves.Validate(input.Scenario, pins);
        if (!invalid.IsEmpty)
        {
            return new RunRequestAnswer(null, RunRequestProblem.InvalidPins, []) { MoveErrors = [.. invalid.Select(e => e with { Path = e.Path.Replace("$.moves", "$.pins", StringComparison.Ordinal) })] };
        }

        var job = new PlanJob(input, settings with { ReplanOf = runId, Pins = [.. pins.Select(StoredPin.Of)] })
        {
            Trigger = RunTrigger.Api,
            RequestedBy = requestedBy,
            MemoryLimit = memoryLimit,
            From = plan,
        };
        if (job.Refusal is { } refusal)
        {
            return TooLarge(refusal); // refused: nothing is stored
        }

        // Only a re-plan that will be queued stores the version holding its title.
        var scenarioId = changed ? await StoredScenarios.SubmitAsync(database, input.Document, requestedBy, cancellationToken).ConfigureAwait(false) : run.ScenarioId;
        return await EnqueueAsync(database, queue, scenarioId, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's scenario with the title merged in, as a new version of its document (stored once the re-plan is queued).</summary>
    private static async Task<(ScenarioInput? Input, RunRequestAnswer? Problem)> WithTitleAsync(
        StoredRun run, ScenarioInput before, JsonObject title, CancellationToken cancellationToken)
    {
        var (titleId, missing) = TitleChanges.Id(title);
        if ((missing ?? TitleChanges.Unknown(before.Scenario, titleId!, title, $"run {run.Id}'s scenario")) is { } error)
        {
            return (null, new RunRequestAnswer(null, RunRequestProblem.InvalidTitle, [error]));
        }

        try
        {
            var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
            var document = loader.LoadMerged(before.Document, TitleChanges.Changes(title), TitleChanges.ChangesPath);
            // Stored only whole, as any submitted version: every variant still valid with the title in it.
            var variantErrors = document.VariantErrors.ToList();
            return variantErrors.Count > 0
                ? (null, new RunRequestAnswer(null, RunRequestProblem.InvalidTitle, TitleChanges.Renamed(variantErrors, before.Scenario, titleId!)))
                : (ScenarioInput.Of(document, run.Variant), null);
        }
        catch (ScenarioValidationException ex)
        {
            return (null, new RunRequestAnswer(null, RunRequestProblem.InvalidTitle, TitleChanges.Renamed(ex.Errors, before.Scenario, titleId!)));
        }
    }

    private static async Task<RunRequestAnswer> QueueAsync(SchedulerDatabase database, IBackgroundSolves queue, long scenarioId, PlanJob job, CancellationToken cancellationToken)
    {
        // Refused before it is queued: a scenario too large to plan would only run the node out of memory.
        return job.Refusal is { } refusal
            ? TooLarge(refusal)
            : await EnqueueAsync(database, queue, scenarioId, job, cancellationToken).ConfigureAwait(false);
    }

    private static RunRequestAnswer TooLarge(string refusal) => new(null, RunRequestProblem.TooLarge, [new ScenarioError(JsonPath.Root, refusal)]);

    /// <summary>Queues a job already checked against the memory it may use.</summary>
    private static async Task<RunRequestAnswer> EnqueueAsync(SchedulerDatabase database, IBackgroundSolves queue, long scenarioId, PlanJob job, CancellationToken cancellationToken)
    {
        var runId = await database.SolveQueue.QueueAsync(job.Queued(scenarioId), cancellationToken).ConfigureAwait(false);
        await queue.SubmitAsync(runId, CancellationToken.None).ConfigureAwait(false); // once queued, the run must get its job even if the client goes
        return new RunRequestAnswer(runId, RunRequestProblem.None, []);
    }
}
