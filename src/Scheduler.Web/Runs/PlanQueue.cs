using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Core.Loading;
using Scheduler.Core.Validation;
using Scheduler.Publishing;
using Scheduler.Solver.Planning;
using Scheduler.Storage;
using Scheduler.Web.Hosting;

namespace Scheduler.Web.Runs;

/// <summary>
/// Plans asked for over HTTP, solved in the background a few at a time (<see cref="WebOptions.SolveSlots"/>).
/// Each is a stored run from the moment it is asked for (state queued, then running, then done,
/// failed or cancelled); its progress is written every <see cref="WebOptions.ProgressInterval"/>,
/// and the finished plan is verified and stored once.
/// </summary>
internal sealed class PlanQueue : BackgroundService
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly ReleasePlanner _planner;
    private readonly TimeProvider _time;
    private readonly WebOptions _options;
    private readonly SchedulerMetrics _metrics;
    private readonly ILogger<PlanQueue> _logger;

    public PlanQueue(
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        ReleasePlanner planner,
        TimeProvider time,
        WebOptions options,
        SchedulerMetrics metrics,
        ILogger<PlanQueue> logger)
    {
        _openDatabase = openDatabase;
        _planner = planner;
        _time = time;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Solves the stored run <paramref name="runId"/> (state queued) when a slot is free.</summary>
    public void Enqueue(long runId)
    {
        if (!_queue.Writer.TryWrite(runId))
        {
            throw new InvalidOperationException("The plan queue is closed: the server is stopping.");
        }
    }

    /// <summary>
    /// Cancels a queued or running plan; false when it had already ended. A queued plan ends at once;
    /// a running one stops its solver and is stored as cancelled, without a plan.
    /// </summary>
    public async Task<bool> CancelAsync(long runId, string actor, CancellationToken cancellationToken = default)
    {
        if (_running.TryGetValue(runId, out var solving))
        {
            await solving.CancelAsync().ConfigureAwait(false);
            return true;
        }

        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        return await database.Runs.EndAsync(runId, RunStates.Cancelled, [$"cancelled by {actor} before it started"], cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, _options.SolveSlots)).Select(_ => WorkAsync(stoppingToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// After a restart: runs still queued are queued again, in order (taking one is atomic, so a
    /// run queued by another node is solved once). With SQLite this process is the only one that
    /// solves, so a run left running was cut off by the stop: it ends failed, to be started again.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        if (database.Target.Kind == DatabaseKind.Sqlite)
        {
            foreach (var id in await database.Runs.IdsInStateAsync(RunStates.Running, cancellationToken).ConfigureAwait(false))
            {
                await database.Runs.EndAsync(id, RunStates.Failed, ["the server stopped during the solve; start the run again"], cancellationToken).ConfigureAwait(false);
                _logger.LogWarning("Run {Run} was cut off by a stop of the server; it ends failed", id);
            }
        }

        foreach (var id in await database.Runs.IdsInStateAsync(RunStates.Queued, cancellationToken).ConfigureAwait(false))
        {
            Enqueue(id);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var runId in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SolveAsync(runId, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    _logger.LogError(ex, "Run {Run} failed", runId);
                    await EndQuietlyAsync(runId, RunStates.Failed, $"internal error: {ex.Message}").ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping; runs still queued stay queued in the database.
        }
    }

    private async Task SolveAsync(long runId, CancellationToken stoppingToken)
    {
        // Cancellable from before the run is marked running: a cancel that comes while its scenario
        // loads must stop it, not end it in the database while its solve goes on.
        using var solving = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[runId] = solving;
        try
        {
            await SolveAsync(runId, solving, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(runId, out _);
        }
    }

    private async Task SolveAsync(long runId, CancellationTokenSource solving, CancellationToken stoppingToken)
    {
        await using var database = await _openDatabase(stoppingToken).ConfigureAwait(false);
        var timeLimit = RunProgress.TimeLimitOf((await database.Runs.FindAsync(runId, stoppingToken).ConfigureAwait(false))?.Progress);
        if (!await database.Runs.StartAsync(runId, stoppingToken).ConfigureAwait(false)
            || await database.Runs.FindAsync(runId, stoppingToken).ConfigureAwait(false) is not { } run)
        {
            return; // cancelled while it waited, or taken by another node
        }

        var loader = await ScenarioLoader.CreateAsync(stoppingToken).ConfigureAwait(false);
        ScenarioDocument document;
        Core.Domain.Scenario scenario;
        try
        {
            document = loader.Load(await database.Scenarios.ContentAsync(run.ScenarioId, stoppingToken).ConfigureAwait(false), $"stored scenario of run {run.Id}");
            scenario = document.Resolve(run.Variant);
        }
        catch (ScenarioValidationException ex)
        {
            await database.Runs.EndAsync(run.Id, RunStates.Failed, ex.Errors.Select(e => e.ToString()), stoppingToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await SolveAsync(database, run, document, scenario, timeLimit ?? TimeSpan.FromSeconds(scenario.Solver.TimeLimitSeconds), solving).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            await database.Runs.EndAsync(run.Id, RunStates.Cancelled, ["cancelled while solving; no plan was stored"], CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await database.Runs.EndAsync(run.Id, RunStates.Failed, ["the server stopped during the solve; start the run again"], CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task SolveAsync(SchedulerDatabase database, StoredRun run, ScenarioDocument document, Core.Domain.Scenario scenario, TimeSpan timeLimit, CancellationTokenSource cancellation)
    {
        var cancellationToken = cancellation.Token;
        var request = new PlanRequest(
            scenario,
            new Core.Plans.PlanScenario(scenario.Name, document.Sha256, run.Variant),
            PlanEngine.CpSat,
            timeLimit,
            scenario.Solver.RelativeGap,
            Environment.ProcessorCount)
        {
            CandidateLimit = _options.CandidateLimit,
        };
        var started = _time.GetTimestamp();
        var startedAt = Instant.FromDateTimeOffset(_time.GetUtcNow());
        PlanningProgress latest = new("starting", null, null);
        var progress = new Progress<PlanningProgress>(p => latest = p);

        // The solver has a thread of its own: CP-SAT's native search must not hold a pool thread for minutes.
        var solving = Task.Factory.StartNew(() => _planner.Plan(request, progress, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (!solving.IsCompleted)
        {
            await Task.WhenAny(solving, Task.Delay(_options.ProgressInterval, _time, CancellationToken.None)).ConfigureAwait(false);
            if (!solving.IsCompleted)
            {
                var report = RunProgress.Of(latest, _time.GetElapsedTime(started), timeLimit).ToJson();
                if (!await database.Runs.ReportProgressAsync(run.Id, report, CancellationToken.None).ConfigureAwait(false))
                {
                    // The run ended meanwhile (cancelled through another node): stop solving it.
                    await cancellation.CancelAsync().ConfigureAwait(false);
                }
            }
        }

        var outcome = await solving.ConfigureAwait(false);
        if (outcome.Status == PlanningStatus.TooLarge)
        {
            // Refused before anything was built (POST /api/runs refuses such a scenario; this one got here anyway).
            await database.Runs.EndAsync(run.Id, RunStates.Failed, outcome.Reasons, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        _metrics.Solved(_time.GetElapsedTime(started), RunTriggers.Api);
        var record = RunRecords.For(outcome, document, scenario.Name, run.Variant, RunTriggers.Api, startedAt, Instant.FromDateTimeOffset(_time.GetUtcNow()));
        await database.Runs.ReportProgressAsync(run.Id, RunProgress.Of(new PlanningProgress("done", record.Objective, record.Bound), _time.GetElapsedTime(started), timeLimit).ToJson(), CancellationToken.None).ConfigureAwait(false);
        if (!await database.Runs.CompleteAsync(run.Id, record, CancellationToken.None).ConfigureAwait(false))
        {
            _logger.LogWarning("Run {Run} had ended before its solve finished; its plan was not stored", run.Id);
        }
    }

    private async Task EndQuietlyAsync(long runId, string state, string message)
    {
        try
        {
            await using var database = await _openDatabase(CancellationToken.None).ConfigureAwait(false);
            await database.Runs.EndAsync(runId, state, [message], CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            _logger.LogError(ex, "Run {Run} could not be marked {State}", runId, state);
        }
    }
}
