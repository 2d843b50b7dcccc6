using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Application.Execution;
using Scheduler.Application.Planning;
using Scheduler.Publishing.Resilience;
using Scheduler.Storage;

namespace Scheduler.Application.Hosting;

/// <summary>
/// Plans asked for over HTTP on a single server (SQLite, <c>serve --http</c>; a cluster queues them as Quartz jobs),
/// solved in the background a few at a time (<see cref="NodeSolving.Slots"/>).
/// Each is a stored run from the moment it is asked for (state queued, then running, then done,
/// failed or cancelled); its progress is written every <see cref="NodeSolving.ProgressInterval"/>,
/// and the finished plan is verified and stored once.
/// </summary>
internal sealed class BackgroundSolves : BackgroundService, IBackgroundSolves
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();
    private readonly Func<CancellationToken, Task<SchedulerDatabase>> _openDatabase;
    private readonly DatabaseRetries _retries;
    private readonly ServeFaults _faults;
    private readonly RunSolver _solver;
    private readonly NodeSolving _solving;
    private readonly ILogger<BackgroundSolves> _logger;

    public BackgroundSolves(
        Func<CancellationToken, Task<SchedulerDatabase>> openDatabase,
        DatabaseRetries retries,
        ServeFaults faults,
        RunSolver solver,
        NodeSolving solving,
        ILogger<BackgroundSolves> logger)
    {
        _openDatabase = openDatabase;
        _retries = retries;
        _faults = faults;
        _solver = solver;
        _solving = solving;
        _logger = logger;
    }

    /// <summary>Solves the stored run <paramref name="runId"/> (state queued) when a slot is free.</summary>
    public Task SubmitAsync(long runId, CancellationToken cancellationToken = default)
    {
        Enqueue(runId);
        _logger.RunQueued(runId);
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
            _logger.RunCancelled(runId, actor);
            return true;
        }

        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        var cancelled = await database.SolveQueue.EndAsync(runId, RunState.Cancelled, [$"cancelled by {actor} before it started"], cancellationToken).ConfigureAwait(false);
        if (cancelled)
        {
            _logger.RunCancelled(runId, actor);
        }

        return cancelled;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => _faults.GuardAsync(
            async () =>
            {
                await _retries.RunAsync(WorkKind.Solve, RecoverAsync, stoppingToken).ConfigureAwait(false);
                await Task.WhenAll(Enumerable.Range(0, Math.Max(1, _solving.Slots)).Select(_ => WorkAsync(stoppingToken))).ConfigureAwait(false);
            },
            stoppingToken);

    /// <summary>
    /// After a restart: runs still queued are queued again, in order. This process is the only one
    /// that solves (a cluster solves through Quartz jobs instead), so a run left running was cut off
    /// by the stop: it ends failed, to be started again.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var database = await _openDatabase(cancellationToken).ConfigureAwait(false);
        foreach (var id in await database.SolveQueue.IdsInStateAsync(RunState.Running, cancellationToken).ConfigureAwait(false))
        {
            await database.SolveQueue.EndAsync(id, RunState.Failed, ["the server stopped during the solve; start the run again"], cancellationToken).ConfigureAwait(false);
            _logger.RunCutOff(id);
        }

        foreach (var id in await database.SolveQueue.IdsInStateAsync(RunState.Queued, cancellationToken).ConfigureAwait(false))
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
                    _logger.RunFailed(ex, runId);
                    await EndQuietlyAsync(runId, RunState.Failed, $"internal error: {ex.Message}", stoppingToken).ConfigureAwait(false);
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
        if (await _retries.RunAsync(WorkKind.Solve, _openDatabase, (database, token) => database.SolveQueue.TakeAsync(runId, _solving.Node.Name, cancellationToken: token), stoppingToken)
            .ConfigureAwait(false) is not { } attempt)
        {
            return; // cancelled while it waited
        }

        try
        {
            await _solver.SolveAsync(attempt, _solving.RunOptions, solving).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            await EndAsync(attempt, RunState.Cancelled, "cancelled while solving; no plan was stored", stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The server stops: one try, for the restart finds a run left running and ends it so anyway.
            await _retries.TryOnceAsync(
                async token =>
                {
                    await using var database = await _openDatabase(token).ConfigureAwait(false);
                    return await database.SolveQueue.EndAsync(attempt, RunState.Failed, ["the server stopped during the solve; start the run again"], token).ConfigureAwait(false);
                },
                missed: false,
                CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private Task<bool> EndAsync(RunAttempt attempt, RunState state, string reason, CancellationToken cancellationToken)
        => _retries.RunAsync(WorkKind.Solve, _openDatabase, (database, _) => database.SolveQueue.EndAsync(attempt, state, [reason], CancellationToken.None), cancellationToken);

    private async Task EndQuietlyAsync(long runId, RunState state, string message, CancellationToken stoppingToken)
    {
        try
        {
            await _retries.RunAsync(WorkKind.Solve, _openDatabase, (database, _) => database.SolveQueue.EndAsync(runId, state, [message], CancellationToken.None), stoppingToken).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            _logger.RunNotMarked(ex, runId, state);
        }
    }
}
