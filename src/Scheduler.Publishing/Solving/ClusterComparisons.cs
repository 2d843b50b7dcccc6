using Quartz;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Publishing.Jobs;
using Scheduler.Solver.Comparison;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Publishing.Solving;

/// <summary>A comparison queued on the cluster: its id, the base's run, and each requested variant's run (null for a variant that cannot be planned).</summary>
public sealed record QueuedComparison(long Id, long BaseRunId, IReadOnlyList<(string Variant, long? RunId)> Variants)
{
    /// <summary>Every queued run, the base first.</summary>
    public IEnumerable<long> RunIds => Variants.Where(v => v.RunId is not null).Select(v => v.RunId!.Value).Prepend(BaseRunId);
}

/// <summary>
/// What-if comparisons solved by the cluster, as <c>compare</c> solves them in one process: the base
/// first, then every variant (each a job of its own, any node), anchored variants starting from the
/// base plan once it is stored; and the same <see cref="Comparison"/> assembled from the stored runs.
/// </summary>
public static class ClusterComparisons
{
    /// <summary>
    /// Records the comparison, queues a run for the base and each valid variant (invalid ones are
    /// reported when it is assembled), and queues the jobs: the base's now, the variants' with it when
    /// they do not lean on the base plan, otherwise once it is stored.
    /// </summary>
    public static async Task<QueuedComparison> QueueAsync(
        SchedulerDatabase database,
        IScheduler scheduler,
        long scenarioId,
        ScenarioDocument document,
        IReadOnlyList<string> variants,
        bool anchored,
        SolveSettings settings,
        string trigger,
        string? requestedBy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(settings);
        var comparisonId = await database.Comparisons.AddAsync(scenarioId, variants, anchored, requestedBy, cancellationToken).ConfigureAwait(false);

        // From here on not cancellable: a comparison is queued whole, each run with its job.
        cancellationToken = CancellationToken.None;
        QueuedRun Run(string? variant, Core.Domain.Scenario scenario) => new(scenarioId, variant, trigger)
        {
            RequestedBy = requestedBy,
            ComparisonId = comparisonId,
            Settings = settings.ToJson(),
            Progress = RunProgress.Queued(TimeSpan.FromSeconds(settings.TimeLimitSeconds ?? scenario.Solver.TimeLimitSeconds)).ToJson(),
        };

        var baseRun = await database.Runs.QueueAsync(Run(null, document.Scenario), cancellationToken).ConfigureAwait(false);
        var queued = new List<(string, long?)>();
        foreach (var (job, scenario) in JobsOf(document, variants))
        {
            queued.Add((job.Id, scenario is null ? null : await database.Runs.QueueAsync(Run(job.Id, scenario), cancellationToken).ConfigureAwait(false)));
        }

        var comparison = new QueuedComparison(comparisonId, baseRun, queued);
        foreach (var runId in anchored ? [baseRun] : comparison.RunIds)
        {
            await SolveJobs.QueueAsync(scheduler, runId, cancellationToken).ConfigureAwait(false);
        }

        return comparison;
    }

    /// <summary>
    /// The comparison as <see cref="WhatIfComparer"/> gives it, from its stored runs; null while any
    /// of them is queued or running. A variant whose run failed or was cancelled reports why as its errors.
    /// </summary>
    /// <exception cref="ArgumentException">There is no comparison <paramref name="comparisonId"/>.</exception>
    public static async Task<Comparison?> AssembleAsync(SchedulerDatabase database, long comparisonId, ScenarioDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(document);
        var comparison = await database.Comparisons.FindAsync(comparisonId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"There is no comparison {comparisonId}.", nameof(comparisonId));
        var runs = new List<StoredRun>();
        foreach (var run in await database.Runs.OfComparisonAsync(comparisonId, cancellationToken).ConfigureAwait(false))
        {
            if (run.State is RunStates.Queued or RunStates.Running)
            {
                return null;
            }

            runs.Add((await database.Runs.FindAsync(run.RunId, cancellationToken).ConfigureAwait(false))!);
        }

        var baseOutcome = StoredOutcomes.Of(runs.Single(r => r.Variant is null), document.Scenario);
        var variants = JobsOf(document, comparison.Variants).Select(pair =>
        {
            var (job, scenario) = pair;
            if (scenario is null || runs.FirstOrDefault(r => r.Variant == job.Id) is not { } run)
            {
                return new VariantComparison(job.Id, null, null, job.Errors);
            }

            if (run.State != RunStates.Done)
            {
                return new VariantComparison(job.Id, null, null, [.. run.Messages.Select(m => new ScenarioError("$", m))]);
            }

            var outcome = StoredOutcomes.Of(run, scenario);
            var diff = baseOutcome.Plan is { } basePlan && outcome.Plan is { } plan && outcome.Verification is { IsValid: true }
                ? PlanDiff.Between(basePlan, plan)
                : null;
            return new VariantComparison(job.Id, outcome, diff, []);
        });
        return new Comparison(baseOutcome, [.. variants]);
    }

    // The variants as compare names them: every requested one, each with its scenario or its errors.
    private static IReadOnlyList<(VariantJob Job, Core.Domain.Scenario? Scenario)> JobsOf(ScenarioDocument document, IReadOnlyCollection<string> variants)
        => VariantJobs.Of(document, variants, (scenario, id) => new PlanRequest(
            scenario, new PlanScenario(scenario.Name, document.Sha256, id), PlanEngine.CpSat, TimeSpan.FromSeconds(scenario.Solver.TimeLimitSeconds), scenario.Solver.RelativeGap, 1));
}
