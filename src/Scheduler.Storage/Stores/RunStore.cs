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
                var runId = await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO runs (scenario_id, variant, trigger, started_at, finished_at, engine, status, objective, bound, gap,
                                      seconds, verified, messages, release_count, plan_json)
                    VALUES (@scenarioId, @Variant, @Trigger, @started, @finished, @Engine, @Status, @Objective, @Bound, @Gap,
                            @Seconds, @verified, @messages, @releaseCount, @PlanJson)
                    RETURNING id
                    """,
                    new
                    {
                        scenarioId,
                        run.Variant,
                        run.Trigger,
                        started = StoredText.Of(run.StartedAt),
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
                    },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (run.Plan is { } plan)
                {
                    await StoreReleasesAsync(runId, plan, transaction, cancellationToken).ConfigureAwait(false);
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
                   r.status AS Status, r.objective AS Objective, r.gap AS Gap, r.finished_at AS CreatedAt,
                   r.verified AS Verified, CASE WHEN p.run_id IS NOT NULL THEN 1 ELSE 0 END AS Adopted
            FROM runs r JOIN scenarios s ON s.id = r.scenario_id
            LEFT JOIN plan_of_record p ON p.run_id = r.id
            ORDER BY r.id DESC LIMIT @limit
            """,
            new { limit = (long)limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new RunSummary(
            r.Id, r.Scenario, r.Variant, r.Trigger, r.Engine, r.Status, r.Objective, r.Gap, StoredText.Instant(r.CreatedAt), r.Verified != 0, r.Adopted != 0))];
    }

    /// <summary>The run with this id, or null.</summary>
    public async Task<StoredRun?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<StoredRunRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.scenario_id AS ScenarioId, s.name AS ScenarioName, s.sha256 AS ScenarioSha256, r.variant AS Variant,
                   r.trigger AS Trigger, r.status AS Status, r.verified AS Verified, r.messages AS Messages, r.plan_json AS PlanJson
            FROM runs r JOIN scenarios s ON s.id = r.scenario_id WHERE r.id = @id
            """,
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows
            .Select(r => new StoredRun(
                r.Id, r.ScenarioId, r.ScenarioName, r.ScenarioSha256, r.Variant, r.Trigger, r.Status, r.Verified != 0,
                [.. r.Messages.Split('\n', StringSplitOptions.RemoveEmptyEntries)], r.PlanJson))
            .SingleOrDefault();
    }

    /// <summary>The number of release rows stored for a run.</summary>
    public async Task<int> ReleaseCountAsync(long runId, CancellationToken cancellationToken = default)
        => (int)await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM releases WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken)).ConfigureAwait(false);

    // A prepared command per table, its parameters made by the provider: a plan has hundreds of
    // releases, and Dapper would build a command for each.
    private async Task StoreReleasesAsync(long runId, Plan plan, DbTransaction transaction, CancellationToken cancellationToken)
    {
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
    }
#pragma warning restore CA1812
}
