using Dapper;
using NodaTime;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>
/// The drops of the plan of record's releases and their publications. Publication happens once
/// per (title, region, drop) because the database's primary key says so, not because of timing.
/// The drops are read from <c>plan_of_record_drops</c>, written at each adoption, so that what
/// falls due next is found by an index, however large the plan.
/// </summary>
public sealed partial class PublicationStore
{
    private const string Columns = """
        d.run_id AS RunId, d.title AS Title, d.region AS Region, d.drop_index AS DropIndex, d.drops AS DropCount,
        d.date AS Date, d.publish_at AS PublishAt, d.mode AS Mode,
        p.published_at AS PublishedAt, p.lateness_seconds AS LatenessSeconds, p.node AS Node
        """;

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
        => ReadAsync($"SELECT {Columns} FROM plan_of_record_drops d {PublicationJoin} ORDER BY d.publish_ms, d.region, d.title, d.drop_index", null, cancellationToken);

    /// <summary>Drop <paramref name="drop"/> of the plan of record's release of (title, region), or null when it has none.</summary>
    public async Task<ScheduledRelease?> DropAsync(string title, string region, int drop, CancellationToken cancellationToken = default)
        => (await ReadAsync(
            $"SELECT {Columns} FROM plan_of_record_drops d {PublicationJoin} WHERE d.title = @title AND d.region = @region AND d.drop_index = @drop",
            new { title, region, drop = (long)drop },
            cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>
    /// The first <paramref name="limit"/> unpublished drops due at or before <paramref name="through"/>,
    /// in the order they are published: by instant; at one instant a premiere before a later drop,
    /// then by region and title.
    /// </summary>
    public Task<IReadOnlyList<ScheduledRelease>> DueAsync(Instant through, int limit, CancellationToken cancellationToken = default)
        => ReadAsync(
            $"""
            SELECT {Columns} FROM plan_of_record_drops d {PublicationJoin}
            WHERE d.published = 0 AND d.publish_ms <= @through
            ORDER BY d.publish_ms, d.drop_index, d.region, d.title
            LIMIT @limit
            """,
            new { through = through.ToUnixTimeMilliseconds(), limit = (long)limit },
            cancellationToken);

    /// <summary>The instants at or before <paramref name="through"/> at which unpublished drops are due, earliest first, with how many drops each.</summary>
    public async Task<IReadOnlyList<(Instant At, int Drops)>> DueInstantsAsync(Instant through, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<(long At, long Drops)>(new CommandDefinition(
            """
            SELECT publish_ms, count(*) FROM plan_of_record_drops
            WHERE published = 0 AND publish_ms <= @through
            GROUP BY publish_ms ORDER BY publish_ms
            """,
            new { through = through.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => (Instant.FromUnixTimeMilliseconds(r.At), (int)r.Drops))];
    }

    private const string PublicationJoin = "LEFT JOIN publications p ON p.title = d.title AND p.region = d.region AND p.drop_index = d.drop_index";

    private async Task<IReadOnlyList<ScheduledRelease>> ReadAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var rows = await _session.Connection.QueryAsync<ScheduledRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRelease())];
    }

#pragma warning disable CA1812 // Instantiated by Dapper.
    // Settable, as the run rows: SQLite reports no column types for an empty result of an expression.
    private class ScheduledRow
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

        public ScheduledRelease ToRelease()
            => new(
                RunId, Title, Region, (int)DropIndex, (int)DropCount, StoredText.Date(Date), StoredText.Instant(PublishAt), Mode,
                PublishedAt is null ? null : StoredText.Instant(PublishedAt), LatenessSeconds)
            { PublishedBy = Node };
    }
#pragma warning restore CA1812
}
