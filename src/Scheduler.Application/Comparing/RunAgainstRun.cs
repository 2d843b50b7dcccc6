using Scheduler.Application.Scenarios;
using Scheduler.Core.Explanations;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Storage;

namespace Scheduler.Application.Comparing;

/// <summary>
/// One stored run's plan drawn over another's (the calendar and the workbook asked for
/// <c>?against=RUN</c>): both plans with the scenarios they were made for, the moves from the base
/// with their causes, valued by the run's own scenario, and a heading that says when the two runs
/// planned different documents (their moves then include whatever the documents change).
/// </summary>
public sealed record RunAgainstRun(ScenarioInput BaseInput, Plan BasePlan, ScenarioInput Input, Plan Plan, PlanDiff Diff, string Heading)
{
    /// <summary>How the compared run is named beside its base: <c>run N</c>.</summary>
    public string Label { get; init; } = "";

    /// <summary>The comparison of <paramref name="run"/>'s verified plan with <paramref name="baseRun"/>'s, their stored scenarios loaded again.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">A stored scenario no longer loads.</exception>
    public static async Task<RunAgainstRun> LoadAsync(
        SchedulerDatabase database, StoredRun run, Plan plan, StoredRun baseRun, Plan basePlan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baseRun);
        var input = await StoredScenarios.OfRunAsync(database, run, cancellationToken).ConfigureAwait(false);
        var baseInput = await StoredScenarios.OfRunAsync(database, baseRun, cancellationToken).ConfigureAwait(false);
        var heading = input.Document.Sha256 == baseInput.Document.Sha256
            ? $"Run {run.Id} against run {baseRun.Id}"
            : $"Run {run.Id} against run {baseRun.Id}, of different scenarios: {input.Heading} (scenario {run.ScenarioId}) and {baseInput.Heading} (scenario {baseRun.ScenarioId})";
        var diff = MoveAttribution.Diff(basePlan, plan, new ValueModel(PlanFormats.Resolve(input.Scenario, plan)));
        return new RunAgainstRun(baseInput, basePlan, input, plan, diff, heading) { Label = $"run {run.Id}" };
    }
}
