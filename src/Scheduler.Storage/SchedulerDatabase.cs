using System.Collections.Immutable;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using Scheduler.Core.Plans;

namespace Scheduler.Storage;

/// <summary>
/// Scenarios, runs, their releases, the plan of record and the audit log, in one SQLite file.
/// Every write is one immediate transaction: a crash leaves all of it or none of it, and a second
/// process writing at the same time waits for the first instead of failing.
/// </summary>
public sealed class SchedulerDatabase : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;

    private SchedulerDatabase(string path, SqliteConnection connection, TimeProvider time)
    {
        Path = path;
        _connection = connection;
        _time = time;
    }

    public string Path { get; }

    /// <summary>Opens (creating and migrating as needed) the database at <paramref name="path"/>.</summary>
    /// <exception cref="StorageException">The file is not a Scheduler database, or is from a newer version.</exception>
    public static SchedulerDatabase Open(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new SchedulerDatabase(path, DatabaseOpener.Open(path), time);
    }

    public int SchemaVersion => (int)_connection.ExecuteScalar<long>("PRAGMA user_version");

    /// <summary>Stores the scenario (once per content) and the run with all of its releases; returns the run id.</summary>
    public long StoreRun(NewRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var transaction = _connection.BeginTransaction(deferred: false);
        var scenarioId = StoreScenario(run.ScenarioContent, run.ScenarioName, run.ScenarioSha256, transaction);
        var runId = _connection.ExecuteScalar<long>(
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
                started = Text(run.StartedAt),
                finished = Text(run.FinishedAt),
                run.Engine,
                run.Status,
                run.Objective,
                run.Bound,
                run.Gap,
                run.Seconds,
                verified = run.Verified ? 1 : 0,
                messages = string.Join('\n', run.Messages),
                releaseCount = run.Plan?.Releases.Length ?? 0,
                run.PlanJson,
            },
            transaction);
        if (run.Plan is { } plan)
        {
            StoreReleases(runId, plan, transaction);
        }

        transaction.Commit();
        return runId;
    }

    /// <summary>Stores a scenario document on its own (content-addressed); returns its id.</summary>
    public long StoreScenario(ReadOnlyMemory<byte> content, string name, string sha256)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        var id = StoreScenario(content, name, sha256, transaction);
        transaction.Commit();
        return id;
    }

    /// <summary>The newest runs first.</summary>
    public IReadOnlyList<RunSummary> ListRuns(int limit)
        => [.. _connection.Query<RunRow>(
            """
            SELECT r.id AS Id, s.name AS Scenario, r.variant AS Variant, r.trigger AS Trigger, r.engine AS Engine,
                   r.status AS Status, r.objective AS Objective, r.gap AS Gap, r.finished_at AS CreatedAt,
                   r.verified AS Verified, (p.run_id IS NOT NULL) AS Adopted
            FROM runs r JOIN scenarios s ON s.id = r.scenario_id
            LEFT JOIN plan_of_record p ON p.run_id = r.id
            ORDER BY r.id DESC LIMIT @limit
            """,
            new { limit })
            .Select(r => new RunSummary(r.Id, r.Scenario, r.Variant, r.Trigger, r.Engine, r.Status, r.Objective, r.Gap, Parse(r.CreatedAt), r.Verified != 0, r.Adopted != 0))];

    public StoredRun? FindRun(long id)
        => _connection.Query<StoredRunRow>(
            """
            SELECT r.id AS Id, r.scenario_id AS ScenarioId, s.name AS ScenarioName, s.sha256 AS ScenarioSha256, r.variant AS Variant,
                   r.trigger AS Trigger, r.status AS Status, r.verified AS Verified, r.messages AS Messages, r.plan_json AS PlanJson
            FROM runs r JOIN scenarios s ON s.id = r.scenario_id WHERE r.id = @id
            """,
            new { id })
            .Select(r => new StoredRun(
                r.Id, r.ScenarioId, r.ScenarioName, r.ScenarioSha256, r.Variant, r.Trigger, r.Status, r.Verified != 0,
                [.. r.Messages.Split('\n', StringSplitOptions.RemoveEmptyEntries)], r.PlanJson))
            .SingleOrDefault();

    /// <summary>The newest stored scenario document with this name (replans plan against it), or null.</summary>
    public (long Id, string Sha256)? NewestScenario(string name)
        => _connection.Query<(long, string)>(
            "SELECT id, sha256 FROM scenarios WHERE name = @name ORDER BY submitted_at DESC, id DESC LIMIT 1",
            new { name })
            .Select(r => ((long, string)?)r)
            .FirstOrDefault();

    public byte[] ScenarioContent(long scenarioId)
        => _connection.ExecuteScalar<byte[]>("SELECT content FROM scenarios WHERE id = @scenarioId", new { scenarioId })
           ?? throw new StorageException($"Scenario {scenarioId} is not in the database.");

    /// <summary>The number of release rows stored for a run.</summary>
    public int ReleaseCount(long runId)
        => (int)_connection.ExecuteScalar<long>("SELECT count(*) FROM releases WHERE run_id = @runId", new { runId });

    /// <summary>Makes <paramref name="runId"/> the plan of record and records who did it, in one transaction.</summary>
    public void Adopt(long runId, string actor, string action = "adopt", string details = "")
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        var now = Text(Instant.FromDateTimeOffset(_time.GetUtcNow()));
        _connection.Execute(
            """
            INSERT INTO plan_of_record (id, run_id, adopted_at) VALUES (1, @runId, @now)
            ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, adopted_at = excluded.adopted_at
            """,
            new { runId, now },
            transaction);
        _connection.Execute(
            "INSERT INTO audit (at, actor, action, run_id, details) VALUES (@now, @actor, @action, @runId, @details)",
            new { now, actor, action, runId, details },
            transaction);
        transaction.Commit();
    }

    /// <summary>Changes whenever a plan is adopted (even the same run again); null before the first adoption.</summary>
    public string? PlanOfRecordStamp() => _connection.ExecuteScalar<string?>("SELECT run_id || '@' || adopted_at FROM plan_of_record WHERE id = 1");

    /// <summary>The run that is the plan of record, or null before the first adoption.</summary>
    public long? PlanOfRecord() => _connection.ExecuteScalar<long?>("SELECT run_id FROM plan_of_record WHERE id = 1");

    public IReadOnlyList<AuditEntry> Audit()
        => [.. _connection.Query<AuditRow>("SELECT id AS Id, at AS At, actor AS Actor, action AS Action, run_id AS RunId, details AS Details FROM audit ORDER BY id")
            .Select(a => new AuditEntry(a.Id, Parse(a.At), a.Actor, a.Action, a.RunId, a.Details))];

    /// <summary>
    /// Every drop of every release of the plan of record, each with its publication (if any), in
    /// publication order: by instant, then region, title and drop. Empty before the first adoption.
    /// </summary>
    public IReadOnlyList<ScheduledRelease> PlanOfRecordReleases() => ScheduledReleases("", null);

    /// <summary>Drop <paramref name="drop"/> of the plan of record's release of (title, region), or null when it has none.</summary>
    public ScheduledRelease? PlanOfRecordDrop(string title, string region, int drop)
        => ScheduledReleases("WHERE x.title = @title AND x.region = @region AND x.drop_index = @drop", new { title, region, drop }).SingleOrDefault();

    // The premiere is the release row itself; later drops come from release_drops. Each branch
    // names the run, so that only the plan of record's rows are read, however many runs are stored.
    private List<ScheduledRelease> ScheduledReleases(string filter, object? parameters)
        => [.. _connection.Query<ScheduledRow>(
            $"""
            WITH drops AS (
                SELECT run_id, title, region, 0 AS drop_index, drops, date, publish_at, mode
                FROM releases WHERE run_id = (SELECT run_id FROM plan_of_record WHERE id = 1)
                UNION ALL
                SELECT d.run_id, d.title, d.region, d.drop_index, r.drops, d.date, d.publish_at, r.mode
                FROM release_drops d JOIN releases r ON r.run_id = d.run_id AND r.title = d.title AND r.region = d.region
                WHERE d.run_id = (SELECT run_id FROM plan_of_record WHERE id = 1)
            )
            SELECT x.run_id AS RunId, x.title AS Title, x.region AS Region, x.drop_index AS DropIndex, x.drops AS DropCount,
                   x.date AS Date, x.publish_at AS PublishAt, x.mode AS Mode,
                   p.published_at AS PublishedAt, p.lateness_seconds AS LatenessSeconds
            FROM drops x
            LEFT JOIN publications p ON p.title = x.title AND p.region = x.region AND p.drop_index = x.drop_index
            {filter}
            """,
            parameters)
            .Select(r => new ScheduledRelease(
                r.RunId, r.Title, r.Region, (int)r.DropIndex, (int)r.DropCount, LocalDatePattern.Iso.Parse(r.Date).Value, Parse(r.PublishAt), r.Mode,
                r.PublishedAt is null ? null : Parse(r.PublishedAt), r.LatenessSeconds))

            // Ordered here rather than in SQL: instants are stored as text, and text puts
            // "00:00:00.5Z" before "00:00:00Z".
            .OrderBy(r => r.PublishAt)
            .ThenBy(r => r.Region, StringComparer.Ordinal)
            .ThenBy(r => r.Title, StringComparer.Ordinal)
            .ThenBy(r => r.Drop)];

    /// <summary>
    /// Publishes one drop: records it as published and queues its notification, in one
    /// transaction. Returns false, changing nothing, when the (title, region, drop) was published
    /// before: the database, not timing, makes publication happen once.
    /// </summary>
    public bool TryPublish(ScheduledRelease release, Instant publishedAt, string payload, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(release);
        using var transaction = _connection.BeginTransaction(deferred: false);
        var inserted = _connection.Execute(
            """
            INSERT INTO publications (title, region, drop_index, run_id, date, publish_at, published_at, lateness_seconds)
            VALUES (@Title, @Region, @Drop, @RunId, @date, @publishAt, @publishedAt, @lateness)
            ON CONFLICT (title, region, drop_index) DO NOTHING
            """,
            new
            {
                release.Title,
                release.Region,
                release.Drop,
                release.RunId,
                date = LocalDatePattern.Iso.Format(release.Date),
                publishAt = Text(release.PublishAt),
                publishedAt = Text(publishedAt),
                lateness = Math.Max(0, (publishedAt - release.PublishAt).TotalSeconds),
            },
            transaction);
        if (inserted == 1)
        {
            _connection.Execute(
                """
                INSERT INTO notifications (title, region, drop_index, idempotency_key, payload, created_at)
                VALUES (@Title, @Region, @Drop, @idempotencyKey, @payload, @now)
                """,
                new { release.Title, release.Region, release.Drop, idempotencyKey, payload, now = Text(publishedAt) },
                transaction);
        }

        transaction.Commit();
        return inserted == 1;
    }

    /// <summary>Notifications not yet delivered or given up on, oldest first.</summary>
    public IReadOnlyList<Notification> PendingNotifications(int limit)
        => [.. _connection.Query<NotificationRow>(
            """
            SELECT id AS Id, title AS Title, region AS Region, drop_index AS DropIndex, idempotency_key AS IdempotencyKey, payload AS Payload,
                   status AS Status, attempts AS Attempts, last_error AS LastError
            FROM notifications WHERE status = 'pending' ORDER BY id LIMIT @limit
            """,
            new { limit }).Select(n => n.ToRecord())];

    public IReadOnlyList<Notification> Notifications()
        => [.. _connection.Query<NotificationRow>(
            """
            SELECT id AS Id, title AS Title, region AS Region, drop_index AS DropIndex, idempotency_key AS IdempotencyKey, payload AS Payload,
                   status AS Status, attempts AS Attempts, last_error AS LastError
            FROM notifications ORDER BY id
            """).Select(n => n.ToRecord())];

    /// <summary>Records a delivery attempt: delivered, failed for good, or (neither) to be retried.</summary>
    public void RecordDelivery(long notificationId, string status, string? error)
        => _connection.Execute(
            """
            UPDATE notifications SET status = @status, attempts = attempts + 1, last_error = @error,
                   delivered_at = CASE WHEN @status = 'delivered' THEN @now ELSE delivered_at END
            WHERE id = @notificationId
            """,
            new { notificationId, status, error, now = Text(Instant.FromDateTimeOffset(_time.GetUtcNow())) });

    /// <summary>SQLite's own consistency check; "ok" when the file is sound.</summary>
    public string IntegrityCheck() => _connection.ExecuteScalar<string>("PRAGMA integrity_check") ?? "";

    public void Dispose() => _connection.Dispose();

    private long StoreScenario(ReadOnlyMemory<byte> content, string name, string sha256, SqliteTransaction transaction)
    {
        _connection.Execute(
            "INSERT INTO scenarios (sha256, name, submitted_at, content) VALUES (@sha256, @name, @now, @content) ON CONFLICT (sha256) DO NOTHING",
            new { sha256, name, now = Text(Instant.FromDateTimeOffset(_time.GetUtcNow())), content = content.ToArray() },
            transaction);
        return _connection.ExecuteScalar<long>("SELECT id FROM scenarios WHERE sha256 = @sha256", new { sha256 }, transaction);
    }

    private void StoreReleases(long runId, Plan plan, SqliteTransaction transaction)
    {
        var modes = plan.Titles.ToDictionary(t => t.Id, t => t.Mode ?? "", StringComparer.Ordinal);
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO releases (run_id, title, region, date, publish_at, mode, value, drops) VALUES ($run, $title, $region, $date, $publishAt, $mode, $value, $drops)";
        var run = command.Parameters.Add("$run", SqliteType.Integer);
        var title = command.Parameters.Add("$title", SqliteType.Text);
        var region = command.Parameters.Add("$region", SqliteType.Text);
        var date = command.Parameters.Add("$date", SqliteType.Text);
        var publishAt = command.Parameters.Add("$publishAt", SqliteType.Text);
        var mode = command.Parameters.Add("$mode", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        var drops = command.Parameters.Add("$drops", SqliteType.Integer);
        command.Prepare();
        run.Value = runId;
        foreach (var release in plan.Releases)
        {
            title.Value = release.Title;
            region.Value = release.Region;
            date.Value = LocalDatePattern.Iso.Format(release.Date);
            publishAt.Value = Text(release.PublishAt);
            mode.Value = modes.GetValueOrDefault(release.Title, "");
            value.Value = release.Value;
            drops.Value = Math.Max(1, release.Drops.Length);
            command.ExecuteNonQuery();
        }

        StoreLaterDrops(runId, plan, transaction);
    }

    // The drops after the premiere; the premiere is the release row (and a whole-season release has no others).
    private void StoreLaterDrops(long runId, Plan plan, SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO release_drops (run_id, title, region, drop_index, date, publish_at) VALUES ($run, $title, $region, $index, $date, $publishAt)";
        var run = command.Parameters.Add("$run", SqliteType.Integer);
        var title = command.Parameters.Add("$title", SqliteType.Text);
        var region = command.Parameters.Add("$region", SqliteType.Text);
        var index = command.Parameters.Add("$index", SqliteType.Integer);
        var date = command.Parameters.Add("$date", SqliteType.Text);
        var publishAt = command.Parameters.Add("$publishAt", SqliteType.Text);
        command.Prepare();
        run.Value = runId;
        foreach (var release in plan.Releases)
        {
            title.Value = release.Title;
            region.Value = release.Region;
            foreach (var drop in release.Drops.Where(d => d.Index > 0))
            {
                index.Value = drop.Index;
                date.Value = LocalDatePattern.Iso.Format(drop.Date);
                publishAt.Value = Text(drop.PublishAt);
                command.ExecuteNonQuery();
            }
        }
    }

    private static string Text(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static Instant Parse(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

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

    private sealed class ScheduledRow
    {
        public long RunId { get; set; }

        public string Title { get; set; } = "";

        public string Region { get; set; } = "";

        public long DropIndex { get; set; }

        public long DropCount { get; set; }

        public string Date { get; set; } = "";

        public string PublishAt { get; set; } = "";

        public string Mode { get; set; } = "";

        public string? PublishedAt { get; set; }

        public double? LatenessSeconds { get; set; }
    }

    private sealed class NotificationRow
    {
        public long Id { get; set; }

        public string Title { get; set; } = "";

        public string Region { get; set; } = "";

        public long DropIndex { get; set; }

        public string IdempotencyKey { get; set; } = "";

        public string Payload { get; set; } = "";

        public string Status { get; set; } = "";

        public long Attempts { get; set; }

        public string? LastError { get; set; }

        public Notification ToRecord() => new(Id, Title, Region, (int)DropIndex, IdempotencyKey, Payload, Status, (int)Attempts, LastError);
    }

    private sealed class AuditRow
    {
        public long Id { get; set; }

        public string At { get; set; } = "";

        public string Actor { get; set; } = "";

        public string Action { get; set; } = "";

        public long? RunId { get; set; }

        public string Details { get; set; } = "";
    }
#pragma warning restore CA1812
}
