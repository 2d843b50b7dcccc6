using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>The outbox: one notification per published drop, queued with the publication and delivered after it.</summary>
public sealed class NotificationStore
{
    private const string Columns =
        """
        SELECT id AS Id, title AS Title, region AS Region, drop_index AS DropIndex, idempotency_key AS IdempotencyKey, payload AS Payload,
               status AS Status, attempts AS Attempts, last_error AS LastError
        FROM notifications
        """;

    private readonly DatabaseSession _session;

    internal NotificationStore(DatabaseSession session)
    {
        _session = session;
    }

    /// <summary>
    /// Claims for <paramref name="node"/>, for <paramref name="lease"/>, up to <paramref name="limit"/>
    /// pending notifications that no other node holds a live claim on, oldest first: two nodes
    /// never deliver the same notification at once, and a claim left by a node that died runs out.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> ClaimPendingAsync(string node, int limit, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = _session.Now();
        // The claim condition stands in the UPDATE itself as well as in the choice of rows: a node
        // that waited for another's claim re-checks the row as the other left it and skips it.
        var rows = await _session.WriteAsync(
            transaction => _session.Connection.QueryAsync<NotificationRow>(new CommandDefinition(
                """
                UPDATE notifications SET claimed_by = @node, claimed_until = @until
                WHERE status = 'pending' AND (claimed_until IS NULL OR claimed_until < @now OR claimed_by = @node)
                  AND id IN (SELECT id FROM notifications
                             WHERE status = 'pending' AND (claimed_until IS NULL OR claimed_until < @now OR claimed_by = @node)
                             ORDER BY id LIMIT @limit)
                RETURNING id AS Id, title AS Title, region AS Region, drop_index AS DropIndex, idempotency_key AS IdempotencyKey,
                          payload AS Payload, status AS Status, attempts AS Attempts, last_error AS LastError
                """,
                new { node, until = (now + NodaTime.Duration.FromTimeSpan(lease)).ToUnixTimeMilliseconds(), now = now.ToUnixTimeMilliseconds(), limit = (long)limit },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(n => n.ToRecord()).OrderBy(n => n.Id)];
    }

    /// <summary>Gives up <paramref name="node"/>'s claims on notifications still pending, for any node to take at once.</summary>
    public Task ReleaseClaimsAsync(string node, CancellationToken cancellationToken = default)
        => _session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = @node AND status = 'pending'",
            new { node },
            cancellationToken: cancellationToken));

    /// <summary>Every notification, oldest first.</summary>
    public async Task<IReadOnlyList<Notification>> AllAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<NotificationRow>(new CommandDefinition(
            $"{Columns} ORDER BY id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(n => n.ToRecord())];
    }

    /// <summary>Records a delivery attempt: delivered, failed for good, or (neither) to be retried.</summary>
    public Task RecordDeliveryAsync(long notificationId, NotificationStatus status, string? error, CancellationToken cancellationToken = default)
        => _session.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications SET status = @status, attempts = attempts + 1, last_error = @error,
                   delivered_at = CASE WHEN @status = 'delivered' THEN @now ELSE delivered_at END
            WHERE id = @notificationId
            """,
            new { notificationId, status = StoredNames.Of(status), error, now = StoredText.Of(_session.Now()) },
            cancellationToken: cancellationToken));

#pragma warning disable CA1812 // Instantiated by Dapper.
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

        public Notification ToRecord() => new(Id, Title, Region, (int)DropIndex, IdempotencyKey, Payload, StoredNames.ToNotificationStatus(Status), (int)Attempts, LastError);
    }
#pragma warning restore CA1812
}
