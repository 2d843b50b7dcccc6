using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using NodaTime;

namespace Scheduler.Storage.Stores;

/// <summary>Publishing: the publication, its notification and the schedule's mark, in one transaction.</summary>
public sealed partial class PublicationStore
{
    /// <summary>The most drops one statement publishes: nine parameters each stay well under either engine's limit.</summary>
    public const int PublishBatch = 250;

    /// <summary>
    /// Publishes one drop: records it as published by <paramref name="node"/> and queues its
    /// notification, in one transaction. Returns false, changing nothing, when the (title, region,
    /// drop) was published before, by this process or any other node.
    /// </summary>
    public async Task<bool> TryPublishAsync(ScheduledRelease release, Instant publishedAt, string payload, string idempotencyKey, string node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        return (await PublishAsync([new DropPublication(release, idempotencyKey, payload)], publishedAt, node, cancellationToken).ConfigureAwait(false)).Count == 1;
    }

    /// <summary>
    /// Publishes up to <see cref="PublishBatch"/> drops at once, in one transaction: each is recorded
    /// as published by <paramref name="node"/> at <paramref name="publishedAt"/> and its notification
    /// queued, unless it was published before (by any node), which changes nothing for it. Returns
    /// the drops this call published, in the order given.
    /// </summary>
    public Task<IReadOnlyList<ScheduledRelease>> PublishAsync(IReadOnlyList<DropPublication> drops, Instant publishedAt, string node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(drops);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(drops.Count, PublishBatch, nameof(drops));
        if (drops.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ScheduledRelease>>([]);
        }

        return _session.WriteAsync<IReadOnlyList<ScheduledRelease>>(
            async transaction =>
            {
                // A second writer of the same keys waits here for the first to commit, then inserts none of them.
                var inserted = (await InsertPublicationsAsync(drops, publishedAt, node, transaction, cancellationToken).ConfigureAwait(false)).ToHashSet();
                var published = drops.Where(d => inserted.Contains((d.Drop.Title, d.Drop.Region, d.Drop.Drop))).ToList();
                if (published.Count > 0)
                {
                    await InsertNotificationsAsync(published, publishedAt, transaction, cancellationToken).ConfigureAwait(false);
                }

                // Published now or before: either way no longer due.
                await MarkPublishedAsync(drops, transaction, cancellationToken).ConfigureAwait(false);
                return [.. published.Select(d => d.Drop)];
            },
            cancellationToken);
    }

    private async Task<IEnumerable<(string Title, string Region, int Drop)>> InsertPublicationsAsync(
        IReadOnlyList<DropPublication> drops, Instant publishedAt, string node, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { publishedAt = StoredText.Of(publishedAt), node });
        var rows = Rows(drops, (drop, i) =>
        {
            var release = drop.Drop;
            parameters.Add($"t{i}", release.Title);
            parameters.Add($"r{i}", release.Region);
            parameters.Add($"d{i}", (long)release.Drop);
            parameters.Add($"u{i}", release.RunId);
            parameters.Add($"a{i}", StoredText.Of(release.Date));
            parameters.Add($"p{i}", StoredText.Of(release.PublishAt));
            parameters.Add($"l{i}", Math.Max(0, (publishedAt - release.PublishAt).TotalSeconds));
            return $"(@t{i}, @r{i}, @d{i}, @u{i}, @a{i}, @p{i}, @publishedAt, @l{i}, @node)";
        });
        var keys = await _session.Connection.QueryAsync<(string Title, string Region, long Drop)>(new CommandDefinition(
            $"""
            INSERT INTO publications (title, region, drop_index, run_id, date, publish_at, published_at, lateness_seconds, node)
            VALUES {rows}
            ON CONFLICT (title, region, drop_index) DO NOTHING
            RETURNING title, region, drop_index
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return keys.Select(k => (k.Title, k.Region, (int)k.Drop));
    }

    private Task<int> InsertNotificationsAsync(IReadOnlyList<DropPublication> drops, Instant publishedAt, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { now = StoredText.Of(publishedAt) });
        var rows = Rows(drops, (drop, i) =>
        {
            parameters.Add($"t{i}", drop.Drop.Title);
            parameters.Add($"r{i}", drop.Drop.Region);
            parameters.Add($"d{i}", (long)drop.Drop.Drop);
            parameters.Add($"k{i}", drop.IdempotencyKey);
            parameters.Add($"p{i}", drop.Payload);
            return $"(@t{i}, @r{i}, @d{i}, @k{i}, @p{i}, @now)";
        });
        return _session.Connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO notifications (title, region, drop_index, idempotency_key, payload, created_at) VALUES {rows}",
            parameters,
            transaction,
            cancellationToken: cancellationToken));
    }

    private Task<int> MarkPublishedAsync(IReadOnlyList<DropPublication> drops, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var keys = Rows(drops, (drop, i) =>
        {
            parameters.Add($"t{i}", drop.Drop.Title);
            parameters.Add($"r{i}", drop.Drop.Region);
            parameters.Add($"d{i}", (long)drop.Drop.Drop);
            return $"(title = @t{i} AND region = @r{i} AND drop_index = @d{i})";
        }, " OR ");
        return _session.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE plan_of_record_drops SET published = 1 WHERE {keys}",
            parameters,
            transaction,
            cancellationToken: cancellationToken));
    }

    private static string Rows(IReadOnlyList<DropPublication> drops, Func<DropPublication, int, string> row, string separator = ", ")
    {
        var text = new StringBuilder();
        for (var i = 0; i < drops.Count; i++)
        {
            text.Append(i == 0 ? "" : separator).Append(CultureInfo.InvariantCulture, $"{row(drops[i], i)}");
        }

        return text.ToString();
    }
}
