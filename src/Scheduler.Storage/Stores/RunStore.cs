using System.Data;
using System.Data.Common;
using Dapper;
using Scheduler.Core.Plans;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>Planning runs: what was asked, how it ended, and the releases and drops of their plans.</summary>
public sealed class RunStore
{
    private readonly DatabaseSession _session;
    private readonly ScenarioStore _scenarios;

    internal RunStore(DatabaseSession session, ScenarioStore scenarios)
    {
        _session = session;
        _scenarios = scenarios;
    }

    /// <summary>Stores the scenario (once per content) and the run with all of its releases and drops, in one transaction; returns the run id.</summary>
    public Task<long> StoreAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _session.WriteAsync(
            async transaction =>
            {
                var scenarioId = await _scenarios.StoreAsync(run.ScenarioContent, run.ScenarioName, run.ScenarioSha256, transaction, cancellationToken).ConfigureAwait(false);
                var parameters = Outcome(run);
                parameters.AddDynamicParams(new { scenarioId, run.Variant, run.Trigger, started = StoredText.Of(run.StartedAt) });

                // The state is left to its default: done.
                var runId = await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO runs (scenario_id, variant, trigger, started_at, finished_at, engine, status, objective, bound, gap,
                                      seconds, verified, messages, release_count, plan_json)
                    VALUES (@scenarioId, @Variant, @Trigger, @started, @finished, @Engine, @Status, @Objective, @Bound, @Gap,
                            @Seconds, @verified, @messages, @releaseCount, @PlanJson)
                    RETURNING id
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await StoreReleasesAsync(runId, run, transaction, cancellationToken).ConfigureAwait(false);
                return runId;
            },
            cancellationToken);
    }

    /// <summary>
    /// Queues a run of a stored scenario, to be started, completed or ended later (by the HTTP
    /// API's worker); returns its id. <paramref name="requestedBy"/> is who asked for it, as the
    /// audit log names actors (<c>token:alice</c>). Until it is done it has no engine, outcome or
    /// releases, and its status is its state. <paramref name="progressJson"/> is what it shows while
    /// it waits (the time limit it was asked for, say).
    /// </summary>
    /// <exception cref="StorageException">There is no scenario <paramref name="scenarioId"/>.</exception>
    public Task<long> QueueAsync(long scenarioId, string? variant, string trigger, string? requestedBy, string? progressJson = null, CancellationToken cancellationToken = default)
        => QueueAsync(new QueuedRun(scenarioId, variant, trigger) { RequestedBy = requestedBy, Progress = progressJson }, cancellationToken);

    /// <summary>Queues <paramref name="run"/>, to be taken, completed or ended later; returns its id.</summary>
    /// <exception cref="StorageException">There is no such scenario, or no such comparison.</exception>
    public Task<long> QueueAsync(QueuedRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(run.Trigger);
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

                var parameters = new DynamicParameters(run);
                parameters.Add("now", StoredText.Of(_session.Now()));
                return await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO runs (scenario_id, variant, trigger, state, requested_by, progress, settings, comparison_id,
                                      started_at, finished_at, engine, status, seconds, verified)
                    VALUES (@ScenarioId, @Variant, @Trigger, 'queued', @RequestedBy, @Progress, @Settings, @ComparisonId,
                            @now, NULL, '', 'queued', 0, 0)
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
                // One statement: two nodes taking the same run cannot both succeed.
                var attempts = await _session.Connection.QueryAsync<long>(new CommandDefinition(
                    """
                    UPDATE runs SET state = 'running', status = 'running', started_at = @now, attempt = attempt + 1, node = @node
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
    /// Completes a running run with <paramref name="run"/>'s outcome, releases and drops, as
    /// <see cref="StoreAsync"/> stores them, in one transaction; the run is then done. Its scenario,
    /// variant, trigger and start stay those it was queued and started with. False, writing nothing,
    /// when the run is not running under <paramref name="attempt"/> (cancelled, completed already,
    /// or taken over by another node): a run is completed at most once.
    /// </summary>
    public Task<bool> CompleteAsync(RunAttempt attempt, NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(run);
        return _session.WriteAsync(
            async transaction =>
            {
                var parameters = Outcome(run);
                parameters.AddDynamicParams(new { id = attempt.RunId, attempt = attempt.Attempt });

                // The state and attempt are the guard: a second completion, one racing a cancellation,
                // or one by a node taken for dead, updates no row.
                var completed = await _session.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE runs SET state = 'done', finished_at = @finished, engine = @Engine, status = @Status, objective = @Objective,
                                    bound = @Bound, gap = @Gap, seconds = @Seconds, verified = @verified, messages = @messages,
                                    release_count = @releaseCount, plan_json = @PlanJson
                    WHERE id = @id AND state = 'running' AND attempt = @attempt
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (completed == 0)
                {
                    return false;
                }

                await StoreReleasesAsync(attempt.RunId, run, transaction, cancellationToken).ConfigureAwait(false);
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
    /// Ends a running run without an outcome, as <see cref="EndAsync(long, string, IEnumerable{string}, CancellationToken)"/>
    /// does, but only while it runs under <paramref name="attempt"/>: a node taken for dead cannot end
    /// the run another node now solves.
    /// </summary>
    public Task<bool> EndAsync(RunAttempt attempt, string state, IEnumerable<string> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return EndAsync(attempt.RunId, attempt.Attempt, state, messages, cancellationToken);
    }

    /// <summary>
    /// Ends a queued or running run without an outcome: <see cref="RunStates.Failed"/> (the solver
    /// broke) or <see cref="RunStates.Cancelled"/> (someone asked), from now, with
    /// <paramref name="messages"/> saying why. False, changing nothing, when it had ended already.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="state"/> is neither failed nor cancelled.</exception>
    public Task<bool> EndAsync(long id, string state, IEnumerable<string> messages, CancellationToken cancellationToken = default)
        => EndAsync(id, null, state, messages, cancellationToken);

    private Task<bool> EndAsync(long id, long? attempt, string state, IEnumerable<string> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(messages);
        if (state is not (RunStates.Failed or RunStates.Cancelled))
        {
            throw new ArgumentException($"A run ends as '{RunStates.Failed}' or '{RunStates.Cancelled}', not '{state}'.", nameof(state));
        }

        var lines = string.Join('\n', messages);
        return _session.WriteAsync(
            async transaction => await _session.Connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE runs SET state = @state, status = @state, finished_at = @now, messages = @lines
                WHERE id = @id AND state IN ('queued', 'running') AND (@attempt IS NULL OR (state = 'running' AND attempt = @attempt))
                """,
                new { id, attempt, state, lines, now = StoredText.Of(_session.Now()) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    /// <summary>The runs of comparison <paramref name="comparisonId"/>, in the order they were queued (the base first).</summary>
    public async Task<IReadOnlyList<ComparisonRun>> OfComparisonAsync(long comparisonId, CancellationToken cancellationToken = default)
        => [.. await _session.Connection.QueryAsync<ComparisonRun>(new CommandDefinition(
            "SELECT id AS RunId, variant AS Variant, state AS State FROM runs WHERE comparison_id = @comparisonId ORDER BY id",
            new { comparisonId },
            cancellationToken: cancellationToken)).ConfigureAwait(false)];

    /// <summary>The ids of the runs in <paramref name="state"/>, oldest first (the queue to take up again after a restart).</summary>
    public async Task<IReadOnlyList<long>> IdsInStateAsync(string state, CancellationToken cancellationToken = default)
        => [.. await _session.Connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM runs WHERE state = @state ORDER BY id", new { state }, cancellationToken: cancellationToken)).ConfigureAwait(false)];

    /// <summary>The newest runs first.</summary>
    public async Task<IReadOnlyList<RunSummary>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<RunRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, s.name AS Scenario, r.variant AS Variant, r.trigger AS Trigger, r.engine AS Engine,
                   r.status AS Status, r.objective AS Objective, r.gap AS Gap, COALESCE(r.finished_at, r.started_at) AS CreatedAt,
                   r.verified AS Verified, CASE WHEN p.run_id IS NOT NULL THEN 1 ELSE 0 END AS Adopted,
                   r.state AS State, r.requested_by AS RequestedBy
            FROM runs r JOIN scenarios s ON s.id = r.scenario_id
            LEFT JOIN plan_of_record p ON p.run_id = r.id
            ORDER BY r.id DESC LIMIT @limit
            """,
            new { limit = (long)limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new RunSummary(
            r.Id, r.Scenario, r.Variant, r.Trigger, r.Engine, r.Status, r.Objective, r.Gap, StoredText.Instant(r.CreatedAt), r.Verified != 0, r.Adopted != 0,
            r.State, r.RequestedBy))];
    }

    /// <summary>The run with this id, or null.</summary>
    public async Task<StoredRun?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<StoredRunRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.scenario_id AS ScenarioId, s.name AS ScenarioName, s.sha256 AS ScenarioSha256, r.variant AS Variant,
                   r.trigger AS Trigger, r.status AS Status, r.verified AS Verified, r.messages AS Messages, r.plan_json AS PlanJson,
                   r.state AS State, r.requested_by AS RequestedBy, r.progress AS Progress,
                   r.attempt AS Attempt, r.node AS Node, r.settings AS Settings, r.comparison_id AS ComparisonId
            FROM runs r JOIN scenarios s ON s.id = r.scenario_id WHERE r.id = @id
            """,
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows
            .Select(r => new StoredRun(
                r.Id, r.ScenarioId, r.ScenarioName, r.ScenarioSha256, r.Variant, r.Trigger, r.Status, r.Verified != 0,
                [.. r.Messages.Split('\n', StringSplitOptions.RemoveEmptyEntries)], r.PlanJson, r.State, r.RequestedBy, r.Progress)
            {
                Attempt = r.Attempt,
                Node = r.Node,
                Settings = r.Settings,
                ComparisonId = r.ComparisonId,
            })
            .SingleOrDefault();
    }

    /// <summary>The number of release rows stored for a run.</summary>
    public async Task<int> ReleaseCountAsync(long runId, CancellationToken cancellationToken = default)
        => (int)await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM releases WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken)).ConfigureAwait(false);

    // What a run ends with, as StoreAsync and CompleteAsync both write it.
    private static DynamicParameters Outcome(NewRun run) => new(new
    {
        finished = StoredText.Of(run.FinishedAt),
        run.Engine,
        run.Status,
        run.Objective,
        run.Bound,
        run.Gap,
        run.Seconds,
        verified = run.Verified ? 1L : 0L,
        messages = string.Join('\n', run.Messages),
        releaseCount = (long)(run.Plan?.Releases.Length ?? 0),
        run.PlanJson,
    });

    // The releases and drops of the run's plan, if it has one. A prepared command per table, its
    // parameters made by the provider: a plan has hundreds of releases, and Dapper would build a
    // command for each.
    private async Task StoreReleasesAsync(long runId, NewRun outcome, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (outcome.Plan is not { } plan)
        {
            return;
        }

        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode ?? "", StringComparer.Ordinal);
        await using (var command = Command(
            transaction,
            "INSERT INTO releases (run_id, title, region, date, publish_at, mode, value, drops) VALUES (@run, @title, @region, @date, @publishAt, @mode, @value, @drops)"))
        {
            var run = Parameter(command, "run", DbType.Int64);
            var title = Parameter(command, "title", DbType.String);
            var region = Parameter(command, "region", DbType.String);
            var date = Parameter(command, "date", DbType.String);
            var publishAt = Parameter(command, "publishAt", DbType.String);
            var mode = Parameter(command, "mode", DbType.String);
            var value = Parameter(command, "value", DbType.Double);
            var drops = Parameter(command, "drops", DbType.Int64);
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            run.Value = runId;
            foreach (var release in plan.Releases)
            {
                title.Value = release.Title;
                region.Value = release.Region;
                date.Value = StoredText.Of(release.Date);
                publishAt.Value = StoredText.Of(release.PublishAt);
                mode.Value = modes.GetValueOrDefault(release.Title, "");
                value.Value = release.Value;
                drops.Value = (long)Math.Max(1, release.Drops.Length);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await StoreLaterDropsAsync(runId, plan, transaction, cancellationToken).ConfigureAwait(false);
    }

    // The drops after the premiere; the premiere is the release row (and a whole-season release has no others).
    private async Task StoreLaterDropsAsync(long runId, Plan plan, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(
            transaction,
            "INSERT INTO release_drops (run_id, title, region, drop_index, date, publish_at) VALUES (@run, @title, @region, @index, @date, @publishAt)");
        var run = Parameter(command, "run", DbType.Int64);
        var title = Parameter(command, "title", DbType.String);
        var region = Parameter(command, "region", DbType.String);
        var index = Parameter(command, "index", DbType.Int64);
        var date = Parameter(command, "date", DbType.String);
        var publishAt = Parameter(command, "publishAt", DbType.String);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        run.Value = runId;
        foreach (var release in plan.Releases)
        {
            title.Value = release.Title;
            region.Value = release.Region;
            foreach (var drop in release.Drops.Where(d => d.Index > 0))
            {
                index.Value = (long)drop.Index;
                date.Value = StoredText.Of(drop.Date);
                publishAt.Value = StoredText.Of(drop.PublishAt);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = _session.Connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is a constant of this class; values go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

#pragma warning disable CA1812 // Instantiated by Dapper.
    // Settable classes rather than positional records: SQLite reports no column types for an
    // empty result of an expression, and Dapper then cannot match a constructor.
    private sealed class RunRow
    {
        public long Id { get; set; }

        public string Scenario { get; set; } = "";

        public string? Variant { get; set; }

        public string Trigger { get; set; } = "";

        public string Engine { get; set; } = "";

        public string Status { get; set; } = "";

        public double? Objective { get; set; }

        public double? Gap { get; set; }

        public string CreatedAt { get; set; } = "";

        public long Verified { get; set; }

        public long Adopted { get; set; }

        public string State { get; set; } = "";

        public string? RequestedBy { get; set; }
    }

    private sealed class StoredRunRow
    {
        public long Id { get; set; }

        public long ScenarioId { get; set; }

        public string ScenarioName { get; set; } = "";

        public string ScenarioSha256 { get; set; } = "";

        public string? Variant { get; set; }

        public string Trigger { get; set; } = "";

        public string Status { get; set; } = "";

        public long Verified { get; set; }

        public string Messages { get; set; } = "";

        public string? PlanJson { get; set; }

        public string State { get; set; } = "";

        public string? RequestedBy { get; set; }

        public string? Progress { get; set; }

        public long Attempt { get; set; }

        public string? Node { get; set; }

        public string? Settings { get; set; }

        public long? ComparisonId { get; set; }
    }
#pragma warning restore CA1812
}
