using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>
/// Runs waiting to be solved and being solved: queued, taken by a node under an attempt, their
/// progress written as they go, then completed with an outcome, ended without one, or handed back.
/// Every change is guarded by the run's state (and attempt), so that a run is solved and stored once.
/// </summary>
public sealed class SolveQueueStore
{
    private readonly DatabaseSession _session;

    internal SolveQueueStore(DatabaseSession session)
    {
        _session = session;
    }

    /// <summary>
    /// Queues <paramref name="run"/>, to be taken, completed or ended later; returns its id. Until it
    /// is done it has no engine, outcome or releases, and its status is its state.
    /// </summary>
    /// <exception cref="StorageException">There is no such scenario, or no such comparison.</exception>
    public Task<long> QueueAsync(QueuedRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _session.WriteAsync(
            async transaction =>
            {
                var known = await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM scenarios WHERE id = @ScenarioId", run, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (known == 0)
                {
                    throw new StorageException($"Scenario {run.ScenarioId} is not in the database.");
                }

                if (run.ComparisonId is { } comparison && await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM comparisons WHERE id = @comparison", new { comparison }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
                {
                    throw new StorageException($"Comparison {comparison} is not in the database.");
                }

                var parameters = new
                {
                    run.ScenarioId,
                    run.Variant,
                    trigger = StoredNames.Of(run.Trigger),
                    run.RequestedBy,
                    run.Progress,
                    run.Settings,
                    run.ComparisonId,
                    now = StoredText.Of(_session.Now()),
                };
                return await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO runs (scenario_id, variant, trigger, state, requested_by, progress, settings, comparison_id,
                                      created_at, started_at, finished_at, engine, status, seconds, verified)
                    VALUES (@ScenarioId, @Variant, @trigger, 'queued', @RequestedBy, @Progress, @Settings, @ComparisonId,
                            @now, @now, NULL, '', 'queued', 0, 0)
                    RETURNING id
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// <paramref name="node"/> takes a queued run to solve it: the run is running from now, under a
    /// new attempt. When <paramref name="recovering"/> (the node that held it died), a running run is
    /// taken over too, and the dead node's attempt can no longer write. Null, changing nothing, when
    /// the run cannot be taken (cancelled, done, or held by another node): then it must not be solved.
    /// </summary>
    public Task<RunAttempt?> TakeAsync(long id, string node, bool recovering = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _session.WriteAsync(
            async transaction =>
            {
                // One statement: two nodes taking the same run cannot both succeed. A run taken over
                // is solved again from the start: a "finish now" asked of the lost attempt is forgotten.
                var attempts = await _session.Connection.QueryAsync<long>(new CommandDefinition(
                    """
                    UPDATE runs SET state = 'running', status = 'running', started_at = @now, attempt = attempt + 1, node = @node, finish_requested_by = NULL
                    WHERE id = @id AND (state = 'queued' OR (state = 'running' AND @recovering = 1))
                    RETURNING attempt
                    """,
                    new { id, node, recovering = recovering ? 1L : 0L, now = StoredText.Of(_session.Now()) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return attempts.Select(a => new RunAttempt(id, a)).SingleOrDefault();
            },
            cancellationToken);
    }

    /// <summary>
    /// Records the solver's latest progress (JSON) of a running run, replacing the one before.
    /// False, changing nothing, when the run is not running under <paramref name="attempt"/>
    /// (cancelled, or taken over by another node): its solver can stop.
    /// </summary>
    public Task<bool> ReportProgressAsync(RunAttempt attempt, string progressJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(progressJson);
        return _session.WriteAsync(
            async transaction => await _session.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE runs SET progress = @progressJson WHERE id = @RunId AND state = 'running' AND attempt = @Attempt",
                new { attempt.RunId, attempt.Attempt, progressJson },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    /// <summary>
    /// Asks the node solving run <paramref name="runId"/> to finish now with the best plan it has
    /// found (it reads the request with its next progress report); false when the run is not running.
    /// </summary>
    public Task<bool> RequestFinishAsync(long runId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return _session.WriteAsync(
            async transaction => await _session.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE runs SET finish_requested_by = COALESCE(finish_requested_by, @actor) WHERE id = @runId AND state = 'running'",
                new { runId, actor },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    /// <summary>Who asked the run solved under <paramref name="attempt"/> to finish now; null when nobody has.</summary>
    public async Task<string?> FinishRequestedByAsync(RunAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return await _session.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT finish_requested_by FROM runs WHERE id = @RunId AND attempt = @Attempt",
            new { attempt.RunId, attempt.Attempt },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes a running run with <paramref name="run"/>'s outcome, releases and drops, as
    /// <see cref="RunArchive.StoreAsync"/> stores them, in one transaction; the run is then done. Its scenario,
    /// variant, trigger and start stay those it was queued and started with. False, writing nothing,
    /// when the run is not running under <paramref name="attempt"/> (cancelled, completed already,
    /// or taken over by another node): a run is completed at most once.
    /// </summary>
    public Task<bool> CompleteAsync(RunAttempt attempt, NewRun run, CancellationToken cancellationToken = default)
        => CompleteWithAlternativesAsync(attempt, run, [], cancellationToken);

    /// <summary>
    /// Completes the run as <see cref="CompleteAsync"/> does and,
    /// in the same transaction, stores each of <paramref name="alternatives"/> as a done run of the
    /// same scenario and requester that names it (<see cref="StoredRun.AlternativeOf"/>): the
    /// alternatives are stored exactly when the run is completed.
    /// </summary>
    public Task<bool> CompleteWithAlternativesAsync(RunAttempt attempt, NewRun run, IReadOnlyList<NewRun> alternatives, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(alternatives);
        return _session.WriteAsync(
            async transaction =>
            {
                var parameters = RunOutcomeWriter.Parameters(run);
                parameters.AddDynamicParams(new { id = attempt.RunId, attempt = attempt.Attempt });

                // The state and attempt are the guard: a second completion, one racing a cancellation,
                // or one by a node taken for dead, updates no row.
                var completed = await _session.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE runs SET state = 'done', finished_at = @finished, engine = @Engine, status = @Status, objective = @Objective,
                                    bound = @Bound, gap = @Gap, seconds = @Seconds, verified = @verified, messages = @messages,
                                    release_count = @releaseCount, plan_json = @PlanJson, provenance = @Provenance
                    WHERE id = @id AND state = 'running' AND attempt = @attempt
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (completed == 0)
                {
                    return false;
                }

                await RunOutcomeWriter.StoreReleasesAsync(_session, attempt.RunId, run, transaction, cancellationToken).ConfigureAwait(false);
                if (alternatives.Count > 0)
                {
                    var (scenarioId, requestedBy) = await _session.Connection.QuerySingleAsync<(long, string?)>(new CommandDefinition(
                        "SELECT scenario_id, requested_by FROM runs WHERE id = @RunId", new { attempt.RunId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    foreach (var alternative in alternatives)
                    {
                        await RunOutcomeWriter.InsertDoneAsync(_session, alternative, scenarioId, transaction, cancellationToken, attempt.RunId, requestedBy).ConfigureAwait(false);
                    }
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Puts a run back in the queue, for another node to take (this one stops): only while it runs
    /// under <paramref name="attempt"/>. False, changing nothing, otherwise.
    /// </summary>
    public Task<bool> RequeueAsync(RunAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return _session.WriteAsync(
            async transaction => await _session.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE runs SET state = 'queued', status = 'queued' WHERE id = @RunId AND state = 'running' AND attempt = @Attempt",
                attempt,
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    /// <summary>
    /// Ends a running run without an outcome, as <see cref="EndAsync(long, RunState, IEnumerable{string}, CancellationToken)"/>
    /// does, but only while it runs under <paramref name="attempt"/>: a node taken for dead cannot end
    /// the run another node now solves.
    /// </summary>
    public Task<bool> EndAsync(RunAttempt attempt, RunState state, IEnumerable<string> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return EndAsync(attempt.RunId, attempt.Attempt, state, messages, cancellationToken);
    }

    /// <summary>
    /// Ends a queued or running run without an outcome: <see cref="RunState.Failed"/> (the solver
    /// broke) or <see cref="RunState.Cancelled"/> (someone asked), from now, with
    /// <paramref name="messages"/> saying why. False, changing nothing, when it had ended already.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="state"/> is neither failed nor cancelled.</exception>
    public Task<bool> EndAsync(long id, RunState state, IEnumerable<string> messages, CancellationToken cancellationToken = default)
        => EndAsync(id, null, state, messages, cancellationToken);

    private Task<bool> EndAsync(long id, long? attempt, RunState state, IEnumerable<string> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (state is not (RunState.Failed or RunState.Cancelled))
        {
            throw new ArgumentException($"A run ends as 'failed' or 'cancelled', not '{StoredNames.Of(state)}'.", nameof(state));
        }

        var lines = string.Join('\n', messages);
        return _session.WriteAsync(
            async transaction => await _session.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE runs SET state = @state, status = @state, finished_at = @now, messages = @lines
                WHERE id = @id AND state IN ('queued', 'running') AND (@attempt IS NULL OR (state = 'running' AND attempt = @attempt))
                """,
                new { id, attempt, state = StoredNames.Of(state), lines, now = StoredText.Of(_session.Now()) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    /// <summary>The runs of comparison <paramref name="comparisonId"/>, in the order they were queued (the base first).</summary>
    public async Task<IReadOnlyList<ComparisonRun>> OfComparisonAsync(long comparisonId, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<(long Id, string? Variant, string State)>(new CommandDefinition(
            "SELECT id, variant, state FROM runs WHERE comparison_id = @comparisonId ORDER BY id",
            new { comparisonId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new ComparisonRun(r.Id, r.Variant, StoredNames.ToRunState(r.State)))];
    }

    /// <summary>The ids of the runs in <paramref name="state"/>, oldest first (the queue to take up again after a restart).</summary>
    public async Task<IReadOnlyList<long>> IdsInStateAsync(RunState state, CancellationToken cancellationToken = default)
        => [.. await _session.Connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM runs WHERE state = @state ORDER BY id", new { state = StoredNames.Of(state) }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
}
