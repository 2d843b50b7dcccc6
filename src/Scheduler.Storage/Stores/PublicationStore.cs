using Dapper;
using NodaTime;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>
/// The drops of the plan of record's releases and their publications. Publication happens once
/// per (title, region, drop) because the database's primary key says so, not because of timing.
/// </summary>
public sealed class PublicationStore
{
    private readonly DatabaseSession _session;

    internal PublicationStore(DatabaseSession session)
    {
        _session = session;
    }

    /// <summary>
    /// Every drop of every release of the plan of record, each with its publication (if any), in
    /// publication order: by instant, then region, title and drop. Empty before the first adoption.
    /// </summary>
    public Task<IReadOnlyList<ScheduledRelease>> PlanOfRecordDropsAsync(CancellationToken cancellationToken = default)
        => ScheduledAsync("", null, cancellationToken);

    /// <summary>Drop <paramref name="drop"/> of the plan of record's release of (title, region), or null when it has none.</summary>
    public async Task<ScheduledRelease?> DropAsync(string title, string region, int drop, CancellationToken cancellationToken = default)
        => (await ScheduledAsync(
            "WHERE x.title = @title AND x.region = @region AND x.drop_index = @drop",
            new { title, region, drop = (long)drop },
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>
    /// Publishes one drop: records it as published by <paramref name="node"/> and queues its
    /// notification, in one transaction. Returns false, changing nothing, when the (title, region,
    /// drop) was published before, by this process or any other node.
    /// </summary>
    public Task<bool> TryPublishAsync(ScheduledRelease release, Instant publishedAt, string payload, string idempotencyKey, string node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        return _session.WriteAsync(
            async transaction =>
            {
                // A second writer of the same key waits here for the first to commit, then inserts nothing.
                var inserted = await _session.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO publications (title, region, drop_index, run_id, date, publish_at, published_at, lateness_seconds, node)
                    VALUES (@Title, @Region, @drop, @RunId, @date, @publishAt, @publishedAt, @lateness, @node)
                    ON CONFLICT (title, region, drop_index) DO NOTHING
                    """,
                    new
                    {
                        release.Title,
                        release.Region,
                        drop = (long)release.Drop,
                        release.RunId,
                        date = StoredText.Of(release.Date),
                        publishAt = StoredText.Of(release.PublishAt),
                        publishedAt = StoredText.Of(publishedAt),
                        lateness = Math.Max(0, (publishedAt - release.PublishAt).TotalSeconds),
                        node,
                    },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (inserted == 1)
                {
                    await _session.Connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO notifications (title, region, drop_index, idempotency_key, payload, created_at)
                        VALUES (@Title, @Region, @drop, @idempotencyKey, @payload, @now)
                        """,
                        new { release.Title, release.Region, drop = (long)release.Drop, idempotencyKey, payload, now = StoredText.Of(publishedAt) },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return inserted == 1;
            },
            cancellationToken);
    }

    // The premiere is the release row itself; later drops come from release_drops. Each branch
    // names the run, so that only the plan of record's rows are read, however many runs are stored.
    private async Task<IReadOnlyList<ScheduledRelease>> ScheduledAsync(string filter, object? parameters, CancellationToken cancellationToken)
    {
        var rows = await _session.Connection.QueryAsync<ScheduledRow>(new CommandDefinition(
            $"""
            WITH drops AS (
                SELECT run_id, title, region, CAST(0 AS BIGINT) AS drop_index, drops, date, publish_at, mode
                FROM releases WHERE run_id = (SELECT run_id FROM plan_of_record WHERE id = 1)
                UNION ALL
                SELECT d.run_id, d.title, d.region, d.drop_index, r.drops, d.date, d.publish_at, r.mode
                FROM release_drops d JOIN releases r ON r.run_id = d.run_id AND r.title = d.title AND r.region = d.region
                WHERE d.run_id = (SELECT run_id FROM plan_of_record WHERE id = 1)
            )
            SELECT x.run_id AS RunId, x.title AS Title, x.region AS Region, x.drop_index AS DropIndex, x.drops AS DropCount,
                   x.date AS Date, x.publish_at AS PublishAt, x.mode AS Mode,
                   p.published_at AS PublishedAt, p.lateness_seconds AS LatenessSeconds, p.node AS Node
            FROM drops x
            LEFT JOIN publications p ON p.title = x.title AND p.region = x.region AND p.drop_index = x.drop_index
            {filter}
            """,
            parameters,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows
            .Select(r => new ScheduledRelease(
                r.RunId, r.Title, r.Region, (int)r.DropIndex, (int)r.DropCount, StoredText.Date(r.Date), StoredText.Instant(r.PublishAt), r.Mode,
                r.PublishedAt is null ? null : StoredText.Instant(r.PublishedAt), r.LatenessSeconds) { PublishedBy = r.Node })

            // Ordered here rather than in SQL: instants are stored as text, and text puts
            // "00:00:00.5Z" before "00:00:00Z".
            .OrderBy(r => r.PublishAt)
            .ThenBy(r => r.Region, StringComparer.Ordinal)
            .ThenBy(r => r.Title, StringComparer.Ordinal)
            .ThenBy(r => r.Drop)];
    }

#pragma warning disable CA1812 // Instantiated by Dapper.
    // Settable, as the run rows: SQLite reports no column types for an empty result of an expression.
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

        public string? Node { get; set; }
    }
#pragma warning restore CA1812
}
