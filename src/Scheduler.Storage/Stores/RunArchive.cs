using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>
/// The record of every planning run: what was planned, how it ended, and the releases and drops of
/// its plan. A run stored here whole is done; runs still waiting or being solved move through the
/// <see cref="SolveQueueStore"/>, and are read here like any other.
/// </summary>
public sealed class RunArchive
{
    private readonly DatabaseSession _session;
    private readonly ScenarioStore _scenarios;

    internal RunArchive(DatabaseSession session, ScenarioStore scenarios)
    {
        _session = session;
        _scenarios = scenarios;
    }

    /// <summary>Stores the scenario (once per content) and the run with all of its releases and drops, in one transaction; returns the run id.</summary>
    public Task<long> StoreAsync(NewRun run, CancellationToken cancellationToken = default) => StoreWithAlternativesAsync(run, [], cancellationToken);

    /// <summary>
    /// Stores the run as <see cref="StoreAsync"/> does, and beside it, in the
    /// same transaction, each of <paramref name="alternatives"/> as a done run of the same scenario
    /// that names it (<see cref="StoredRun.AlternativeOf"/>); returns the run id.
    /// </summary>
    public Task<long> StoreWithAlternativesAsync(NewRun run, IReadOnlyList<NewRun> alternatives, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(alternatives);
        return _session.WriteAsync(
            async transaction =>
            {
                var scenarioId = await _scenarios.StoreAsync(run.ScenarioContent, run.ScenarioName, run.ScenarioSha256, transaction, cancellationToken).ConfigureAwait(false);
                var runId = await RunOutcomeWriter.InsertDoneAsync(_session, run, scenarioId, transaction, cancellationToken).ConfigureAwait(false);
                foreach (var alternative in alternatives)
                {
                    await RunOutcomeWriter.InsertDoneAsync(_session, alternative, scenarioId, transaction, cancellationToken, runId).ConfigureAwait(false);
                }

                return runId;
            },
            cancellationToken);
    }

    /// <summary>The newest runs first.</summary>
    public async Task<IReadOnlyList<RunSummary>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<RunRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, s.name AS Scenario, r.variant AS Variant, r.trigger AS Trigger, r.engine AS Engine,
                   r.status AS Status, r.objective AS Objective, r.gap AS Gap, COALESCE(r.created_at, r.started_at) AS CreatedAt,
                   r.started_at AS StartedAt, r.finished_at AS FinishedAt,
                   r.verified AS Verified, CASE WHEN p.run_id IS NOT NULL THEN 1 ELSE 0 END AS Adopted,
                   r.state AS State, r.requested_by AS RequestedBy, r.alternative_of AS AlternativeOf
            FROM runs r JOIN scenarios s ON s.id = r.scenario_id
            LEFT JOIN plan_of_record p ON p.run_id = r.id
            ORDER BY r.id DESC LIMIT @limit
            """,
            new { limit = (long)limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new RunSummary(
            r.Id, r.Scenario, r.Variant, StoredNames.ToRunTrigger(r.Trigger), r.Engine, r.Status, r.Objective, r.Gap, StoredText.Instant(r.CreatedAt), r.Verified != 0, r.Adopted != 0,
            StoredNames.ToRunState(r.State), r.RequestedBy)
        {
            // A queued run's row holds when it was queued as its start until a node takes it.
            StartedAt = StoredNames.ToRunState(r.State) == RunState.Queued ? null : StoredText.Instant(r.StartedAt),
            FinishedAt = r.FinishedAt is null ? null : StoredText.Instant(r.FinishedAt),
            AlternativeOf = r.AlternativeOf,
        })];
    }

    /// <summary>The run with this id, or null.</summary>
    public async Task<StoredRun?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<StoredRunRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.scenario_id AS ScenarioId, s.name AS ScenarioName, s.sha256 AS ScenarioSha256, r.variant AS Variant,
                   r.trigger AS Trigger, r.status AS Status, r.verified AS Verified, r.messages AS Messages, r.plan_json AS PlanJson,
                   r.state AS State, r.requested_by AS RequestedBy, r.progress AS Progress,
                   r.attempt AS Attempt, r.node AS Node, r.settings AS Settings, r.comparison_id AS ComparisonId, r.provenance AS Provenance,
                   r.alternative_of AS AlternativeOf
            FROM runs r JOIN scenarios s ON s.id = r.scenario_id WHERE r.id = @id
            """,
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var alternatives = await _session.Connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM runs WHERE alternative_of = @id ORDER BY id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows
            .Select(r => new StoredRun(
                r.Id, r.ScenarioId, r.ScenarioName, r.ScenarioSha256, r.Variant, StoredNames.ToRunTrigger(r.Trigger), r.Status, r.Verified != 0,
                [.. r.Messages.Split('\n', StringSplitOptions.RemoveEmptyEntries)], r.PlanJson, StoredNames.ToRunState(r.State), r.RequestedBy, r.Progress)
            {
                Attempt = r.Attempt,
                Node = r.Node,
                Settings = r.Settings,
                ComparisonId = r.ComparisonId,
                Provenance = r.Provenance,
                AlternativeOf = r.AlternativeOf,
                Alternatives = [.. alternatives],
            })
            .SingleOrDefault();
    }

    /// <summary>The number of release rows stored for a run.</summary>
    public async Task<int> ReleaseCountAsync(long runId, CancellationToken cancellationToken = default)
        => (int)await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM releases WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken)).ConfigureAwait(false);

    /// <summary>A run's relative gap between objective and proven bound, without reading its plan; null without a bound or for no such run.</summary>
    public Task<double?> GapOfAsync(long runId, CancellationToken cancellationToken = default)
        => _session.Connection.ExecuteScalarAsync<double?>(new CommandDefinition(
            "SELECT gap FROM runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));

    /// <summary>The scenario version a run planned, without reading its plan; null for no such run.</summary>
    public Task<long?> ScenarioOfAsync(long runId, CancellationToken cancellationToken = default)
        => _session.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT scenario_id FROM runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));

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

        public string StartedAt { get; set; } = "";

        public string? FinishedAt { get; set; }

        public long Verified { get; set; }

        public long Adopted { get; set; }

        public string State { get; set; } = "";

        public string? RequestedBy { get; set; }

        public long? AlternativeOf { get; set; }
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

        public string? Provenance { get; set; }

        public long? AlternativeOf { get; set; }
    }
#pragma warning restore CA1812
}
