using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Publishing.Hosting;
using Scheduler.Publishing.Solving;
using Scheduler.Storage;
using Scheduler.Web.Hosting;

namespace Scheduler.Web.Runs;

/// <summary>
/// Plans asked for over HTTP on a single server (SQLite; a cluster queues them as Quartz jobs,
/// <see cref="ClusterQueue"/>), solved in the background a few at a time (<see cref="ServeOptions.SolveSlots"/>).
/// Each is a stored run from the moment it is asked for (state queued, then running, then done,
/// failed or cancelled); its progress is written every <see cref="ServeOptions.ProgressInterval"/>,
/// and the finished plan is verified and stored once.
/// </summary>
internal sealed class PlanQueue : BackgroundService, IRunQueue
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly RunSolver _solver;
    private readonly ServeOptions _serve;
    private readonly WebOptions _options;
    private readonly ILogger<PlanQueue> _logger;

    public PlanQueue(
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        RunSolver solver,
        ServeOptions serve,
        WebOptions options,
        ILogger<PlanQueue> logger)
    {
        _openDatabase = openDatabase;
        _solver = solver;
        _serve = serve;
        _options = options;
        _logger = logger;
    }

    /// <summary>Solves the stored run <paramref name="runId"/> (state queued) when a slot is free.</summary>
    public Task SubmitAsync(long runId, CancellationToken cancellationToken = default)
    {
        Enqueue(runId);
        return Task.CompletedTask;
    }

    private void Enqueue(long runId)
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
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, _serve.SolveSlots)).Select(_ => WorkAsync(stoppingToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// After a restart: runs still queued are queued again, in order. This process is the only one
    /// that solves (a cluster solves through Quartz jobs instead), so a run left running was cut off
    /// by the stop: it ends failed, to be started again.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        foreach (var id in await database.Runs.IdsInStateAsync(RunStates.Running, cancellationToken).ConfigureAwait(false))
        {
            await database.Runs.EndAsync(id, RunStates.Failed, ["the server stopped during the solve; start the run again"], cancellationToken).ConfigureAwait(false);
            _logger.LogWarning("Run {Run} was cut off by a stop of the server; it ends failed", id);
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
        if (await database.Runs.TakeAsync(runId, _serve.Node.Name, cancellationToken: stoppingToken).ConfigureAwait(false) is not { } attempt)
        {
            return; // cancelled while it waited
        }

        var options = new SolveOptions(_serve.ProgressInterval, Environment.ProcessorCount, _options.CandidateLimit);
        try
        {
            await _solver.SolveAsync(database, attempt, options, solving).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            await database.Runs.EndAsync(attempt, RunStates.Cancelled, ["cancelled while solving; no plan was stored"], CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await database.Runs.EndAsync(attempt, RunStates.Failed, ["the server stopped during the solve; start the run again"], CancellationToken.None).ConfigureAwait(false);
            throw;
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
