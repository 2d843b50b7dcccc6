using Quartz;
using Scheduler.Application.Comparing;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Loading;
using Scheduler.Core.Validation;
using Scheduler.Solver.Comparison;
using Scheduler.Storage;

namespace Scheduler.Application.Cluster;

/// <summary>
/// What-if comparisons solved by the cluster, as one process solves them: the base first, then
/// every variant (each a job of its own, any node), anchored variants starting from the base plan
/// once it is stored; and the same <see cref="ComparisonResult"/> assembled from the stored runs.
/// </summary>
public static class ClusterComparisons
{
    /// <summary>
    /// Records the comparison of the stored scenario <paramref name="scenarioId"/>, queues a run for
    /// the base and each valid variant (invalid ones are reported when it is assembled), and queues
    /// the jobs: the base's now, the variants' with it when they do not lean on the base plan,
    /// otherwise once it is stored.
    /// </summary>
    public static async Task<QueuedComparison> QueueAsync(SchedulerDatabase database, IScheduler scheduler, long scenarioId, ComparisonJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(job);
        var comparisonId = await database.Comparisons.AddAsync(scenarioId, [.. job.Variants.Select(v => v.Id)], job.Anchored, job.RequestedBy, cancellationToken).ConfigureAwait(false);

        // From here on not cancellable: a comparison is queued whole, each run with its job.
        cancellationToken = CancellationToken.None;
        QueuedRun Run(ScenarioInput input) => job.PlanJobOf(input).Queued(scenarioId) with { ComparisonId = comparisonId };

        var baseRun = await database.SolveQueue.QueueAsync(Run(job.Base), cancellationToken).ConfigureAwait(false);
        var queued = new List<(string, long?)>();
        foreach (var variant in job.Variants)
        {
            // A variant with the base's model is the base's run: it is not solved again.
            queued.Add((variant.Id, variant.Input is not { } input ? null
                : job.TakesBaseOutcome(variant) ? baseRun
                : await database.SolveQueue.QueueAsync(Run(input), cancellationToken).ConfigureAwait(false)));
        }

        var comparison = new QueuedComparison(comparisonId, baseRun, queued);
        foreach (var runId in job.Anchored ? [baseRun] : comparison.RunIds)
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
    public static async Task<ComparisonResult?> AssembleAsync(SchedulerDatabase database, long comparisonId, ScenarioDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(document);
        var stored = await database.Comparisons.FindAsync(comparisonId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"There is no comparison {comparisonId}.", nameof(comparisonId));
        var runs = new List<StoredRun>();
        foreach (var run in await database.SolveQueue.OfComparisonAsync(comparisonId, cancellationToken).ConfigureAwait(false))
        {
            if (!run.State.HasEnded())
            {
                return null;
            }

            runs.Add((await database.Runs.FindAsync(run.RunId, cancellationToken).ConfigureAwait(false))!);
        }

        var job = ComparisonJob.OfVariants(ScenarioInput.Of(document, null), stored.Variants, SolveSettings.Default) with { Anchored = stored.Anchored };
        var baseRun = runs.Single(r => r.Variant is null);
        var baseOutcome = StoredOutcomes.Of(baseRun, document.Scenario);
        var variants = job.Variants.Select(variant =>
        {
            if (job.TakesBaseOutcome(variant))
            {
                return VariantComparison.SameAs(variant.Id, baseOutcome);
            }

            if (variant.Input is not { } input || runs.FirstOrDefault(r => r.Variant == variant.Id) is not { } run)
            {
                return new VariantComparison(variant.Id, null, null, variant.Errors);
            }

            if (run.State != RunState.Done)
            {
                return new VariantComparison(variant.Id, null, null, [.. run.Messages.Select(m => new ScenarioError(JsonPath.Root, m))]);
            }

            return VariantComparison.Solved(variant.Id, baseOutcome, StoredOutcomes.Of(run, input.Scenario), input.Scenario);
        });
        var comparison = new Comparison(baseOutcome, [.. variants]);
        if (job.Anchored)
        {
            // Fair to both sides, as a local comparison is; the stored runs stay as they were solved.
            var scenarios = job.Variants.Where(v => v.Input is not null).ToDictionary(v => v.Id, v => v.Input!.Scenario, StringComparer.Ordinal);
            comparison = FairComparison.Balance(comparison, document.Scenario, scenarios);
        }

        var variantRuns = job.Variants
            .Select(v => (v.Id, Run: job.TakesBaseOutcome(v) ? baseRun.Id : runs.FirstOrDefault(r => r.Variant == v.Id)?.Id))
            .Where(v => v.Run is not null)
            .ToDictionary(v => v.Id, v => v.Run!.Value, StringComparer.Ordinal);
        return new ComparisonResult(comparison, job) { Runs = new ComparisonRuns(baseRun.Id, variantRuns) };
    }
}
