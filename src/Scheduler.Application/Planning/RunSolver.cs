using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Publishing.Resilience;
using Scheduler.Solver.Planning;
using Scheduler.Storage;

namespace Scheduler.Application.Planning;

/// <summary>How a node solves the runs it takes.</summary>
/// <param name="ProgressInterval">How often the progress is written to the database.</param>
/// <param name="Threads">Solver threads of a run that does not ask for a number.</param>
/// <param name="MemoryLimit">The memory a run may use (<see cref="CandidateEstimate.DefaultMemoryLimit"/> but in tests).</param>
/// <param name="Node">The name of the node that solves, as its log lines say it.</param>
public sealed record SolveOptions(TimeSpan ProgressInterval, int Threads, long MemoryLimit, string Node);

/// <summary>
/// Solves one stored run that a node has taken (<see cref="Storage.Stores.SolveQueueStore.TakeAsync"/>),
/// in the background queue of a single server and in a cluster's solve jobs alike: loads its
/// scenario, leans toward its comparison's base plan when it has one, writes its progress every
/// <see cref="SolveOptions.ProgressInterval"/>, and stores the verified outcome under the attempt,
/// so that a run is stored once, with the alternatives it asked for. An invalid scenario ends the run failed with its errors.
/// The database is opened for each step and a passing fault retried (<see cref="WorkKind.Solve"/>):
/// a solve under way when the database goes away goes on, and stores its plan when it is back; a
/// progress report that cannot be written is skipped.
/// </summary>
public sealed class RunSolver
{
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly DatabaseRetries _retries;
    private readonly ReleasePlanner _planner;
    private readonly TimeProvider _time;
    private readonly SolveMetrics _metrics;
    private readonly ILogger<RunSolver> _logger;

    public RunSolver(
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        DatabaseRetries retries,
        ReleasePlanner planner,
        TimeProvider time,
        SolveMetrics metrics,
        ILogger<RunSolver> logger)
    {
        _openDatabase = openDatabase;
        _retries = retries;
        _planner = planner;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>
    /// Solves the run taken under <paramref name="attempt"/>. <paramref name="cancellation"/> stops
    /// the solve (a cancel, or the node stopping) and the retries of its steps; the caller says how
    /// the run ends then. The run is also stopped when its progress can no longer be written: it was
    /// cancelled through another node, or taken over by one.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; nothing was stored.</exception>
    public async Task SolveAsync(RunAttempt attempt, SolveOptions options, CancellationTokenSource cancellation)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cancellation);

        // Logged as the run is taken, so that a run cancelled while its scenario loads was said to start.
        _logger.RunStarted(attempt.RunId, options.Node, attempt.Attempt);
        var prepared = await _retries.RunAsync(WorkKind.Solve, _openDatabase, (database, token) => PrepareAsync(database, attempt, options, token), cancellation.Token).ConfigureAwait(false);
        if (prepared is not null)
        {
            await SolveAsync(attempt, prepared, cancellation).ConfigureAwait(false);
        }
    }

    // What the solve needs from the database; null when the run ended at once (an invalid scenario).
    private static async Task<Prepared?> PrepareAsync(SchedulerDatabase database, RunAttempt attempt, SolveOptions options, CancellationToken cancellationToken)
    {
        var run = await database.Runs.FindAsync(attempt.RunId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run {attempt.RunId} was taken but is not in the database.");
        PlanJob job;
        try
        {
            var input = await StoredScenarios.OfRunAsync(database, run, cancellationToken).ConfigureAwait(false);
            var settings = SolveSettings.Parse(run.Settings);
            job = new PlanJob(input, settings)
            {
                Trigger = run.Trigger,
                RequestedBy = run.RequestedBy,
                MemoryLimit = options.MemoryLimit,
                From = settings.ReplanOf is { } from ? await PlanOfAsync(database, from, cancellationToken).ConfigureAwait(false) : null,
            };
        }
        catch (ScenarioValidationException ex)
        {
            // Not retried: the same scenario would fail the same way on any node.
            await database.SolveQueue.EndAsync(attempt, RunState.Failed, ex.Errors.Select(e => e.Render("the run's variant")), cancellationToken).ConfigureAwait(false);
            return null;
        }

        // A run queued before its time limit was kept in its settings shows it in its progress.
        var timeLimit = job.Settings.TimeLimitSeconds is null && RunProgress.TimeLimitOf(run.Progress) is { } queuedLimit ? queuedLimit : job.TimeLimit;
        var asked = job.Request(options.Threads);
        var request = asked with
        {
            TimeLimit = timeLimit,
            Reference = asked.Reference ?? await ReferenceAsync(database, run, cancellationToken).ConfigureAwait(false),
        };
        return new Prepared(run, job, request, options.ProgressInterval);
    }

    private async Task SolveAsync(RunAttempt attempt, Prepared prepared, CancellationTokenSource cancellation)
    {
        var (run, job, asked, progressInterval) = prepared;

        // A planner's "finish now" reaches the solve through the database, read with each progress report.
        using var finish = new CancellationTokenSource();
        var finishing = new FinishRequest(finish);
        var request = asked with { FinishNow = finish.Token };
        var started = _time.GetTimestamp();
        var startedAt = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var watch = new SolveWatch(progressInterval, async update =>
        {
            var progress = (SolveProgress)update;
            var report = RunProgress.Of(progress.Progress, progress.Elapsed, progress.TimeLimit).ToJson();

            // A report the database cannot take now is skipped: the run is still this attempt's.
            if (!await _retries.TryOnceAsync(token => ReportAsync(attempt, report, finishing, token), missed: true, cancellation.Token).ConfigureAwait(false))
            {
                _logger.RunStoppedElsewhere(run.Id);
                await cancellation.CancelAsync().ConfigureAwait(false);
            }
        });
        // Whether the planner was told to finish before it returned: a request read with the last
        // report, after the plan was found, changes nothing of it.
        var finishedEarly = false;
        var outcome = await SolverThread.RunAsync(
            (progress, stop) =>
            {
                var planned = _planner.Plan(request, progress, stop);
                finishedEarly = finish.IsCancellationRequested;
                return planned;
            },
            request.TimeLimit,
            watch,
            _time,
            cancellation.Token).ConfigureAwait(false);
        if (finishedEarly)
        {
            outcome = outcome with { Reasons = [.. outcome.Reasons, $"told to finish now by {finishing.Actor}: the best plan found by then, not searched to its time limit"] };
        }

        if (outcome.Status == PlanningStatus.TooLarge)
        {
            // Refused before anything was built (requests refuse such a scenario; this one got here anyway).
            await _retries.RunAsync(WorkKind.Solve, _openDatabase, (database, token) => database.SolveQueue.EndAsync(attempt, RunState.Failed, outcome.Reasons, token), cancellation.Token).ConfigureAwait(false);
            return;
        }

        // Alternatives asked for are found before the run ends, so that a done run has them all.
        var alternatives = await AlternativeRuns.FindAsync(_planner, job, request, outcome, watch, _time, cancellation.Token).ConfigureAwait(false);
        if (!finishedEarly && alternatives is not null && finish.IsCancellationRequested)
        {
            outcome = outcome with { Reasons = [.. outcome.Reasons, $"told to finish now by {finishing.Actor} while its alternatives were looked for: those found by then are kept"] };
        }
        _metrics.Solved(_time.GetElapsedTime(started), run.Trigger);
        var finishedAt = Instant.FromDateTimeOffset(_time.GetUtcNow());
        var record = AlternativeRuns.Record(outcome, alternatives, job.Input, run.Trigger, startedAt, finishedAt);
        var alternativeRecords = AlternativeRuns.Records(alternatives, job.Input, run.Trigger, startedAt, finishedAt);
        // Alternatives take as long again as the plan did: the last progress says so.
        var limit = alternatives is null ? request.TimeLimit : request.TimeLimit * 2;
        var last = RunProgress.Of(new PlanningProgress("done", record.Objective, record.Bound), _time.GetElapsedTime(started), limit) with
        {
            Statistics = RunStatistics.Of(outcome.Statistics),
        };

        // Stored when the database answers, however long that takes; the node stopping meanwhile hands the run back.
        var stored = await _retries.RunAsync(
            WorkKind.Solve,
            _openDatabase,
            async (database, _) =>
            {
                // Once begun, not cut off half-way: a stop only ends the waits between tries.
                await database.SolveQueue.ReportProgressAsync(attempt, last.ToJson(), CancellationToken.None).ConfigureAwait(false);
                return await database.SolveQueue.CompleteWithAlternativesAsync(attempt, record, alternativeRecords, CancellationToken.None).ConfigureAwait(false);
            },
            cancellation.Token).ConfigureAwait(false);
        if (stored)
        {
            _logger.RunFinished(run.Id, record.Status, record.Objective, record.Gap, _time.GetElapsedTime(started).TotalSeconds);
        }
        else
        {
            _logger.RunNotStored(run.Id);
        }
    }

    // The progress written; then whether a planner asked the run to finish now (told to the solve once).
    private async Task<bool> ReportAsync(RunAttempt attempt, string report, FinishRequest finishing, CancellationToken cancellationToken)
    {
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        if (!await database.SolveQueue.ReportProgressAsync(attempt, report, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (finishing.Actor is null && await database.SolveQueue.FinishRequestedByAsync(attempt, cancellationToken).ConfigureAwait(false) is { } actor)
        {
            finishing.Actor = actor;
            _logger.RunFinishing(attempt.RunId, actor);
            await finishing.Source.CancelAsync().ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>A run's "finish now": the signal the planner reads, and who gave it once seen.</summary>
    private sealed class FinishRequest(CancellationTokenSource source)
    {
        public CancellationTokenSource Source { get; } = source;

        public string? Actor { get; set; }
    }

    // A variant of an anchored comparison starts from, and leans toward, the base plan (as compare does in one process).
    /// <summary>The plan a re-plan starts from; stored runs are never deleted, and only a run with a plan is re-planned.</summary>
    private static async Task<Plan> PlanOfAsync(SchedulerDatabase database, long runId, CancellationToken cancellationToken)
        => await database.Runs.FindAsync(runId, cancellationToken).ConfigureAwait(false) is { PlanJson: { } json }
            ? PlanJson.Read(json)
            : throw new InvalidOperationException($"Run {runId}, which a queued re-plan starts from, has no plan.");

    private static async Task<IReadOnlyList<Assignment>?> ReferenceAsync(SchedulerDatabase database, StoredRun run, CancellationToken cancellationToken)
    {
        if (run.Variant is null || run.ComparisonId is not { } comparisonId
            || await database.Comparisons.FindAsync(comparisonId, cancellationToken).ConfigureAwait(false) is not { Anchored: true })
        {
            return null;
        }

        var runs = await database.SolveQueue.OfComparisonAsync(comparisonId, cancellationToken).ConfigureAwait(false);
        return runs.FirstOrDefault(r => r.Variant is null) is { } baseRun
            && await database.Runs.FindAsync(baseRun.RunId, cancellationToken).ConfigureAwait(false) is { PlanJson: { } planJson }
            ? Assignment.FromPlan(PlanJson.Read(planJson))
            : null;
    }

    private sealed record Prepared(StoredRun Run, PlanJob Job, PlanRequest Request, TimeSpan ProgressInterval);
}
