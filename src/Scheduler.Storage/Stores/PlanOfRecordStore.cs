using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>The plan of record (the run whose releases are published) and the audit log of who adopted what.</summary>
public sealed class PlanOfRecordStore
{
    private readonly DatabaseSession _session;

    internal PlanOfRecordStore(DatabaseSession session)
    {
        _session = session;
    }

    /// <summary>Makes <paramref name="runId"/> the plan of record, writes out its drops for publishing, and records who did it, in one transaction.</summary>
    public Task AdoptAsync(long runId, string actor, AuditAction action = AuditAction.Adopt, string details = "", CancellationToken cancellationToken = default)
        => _session.WriteAsync(
            async transaction =>
            {
                var now = StoredText.Of(_session.Now());
                await _session.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO plan_of_record (id, run_id, adopted_at) VALUES (1, @runId, @now)
                    ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, adopted_at = excluded.adopted_at
                    """,
                    new { runId, now },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                await PlanOfRecordDrops.RewriteAsync(_session, transaction, runId, cancellationToken).ConfigureAwait(false);
                await AuditLog.AppendAsync(_session, transaction, now, actor, action, runId, details, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>The run that is the plan of record, or null before the first adoption.</summary>
    public Task<long?> CurrentAsync(CancellationToken cancellationToken = default)
        => _session.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT run_id FROM plan_of_record WHERE id = 1", cancellationToken: cancellationToken));

    /// <summary>Changes whenever a plan is adopted (even the same run again); null before the first adoption.</summary>
    public Task<string?> StampAsync(CancellationToken cancellationToken = default)
        => _session.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT CAST(run_id AS TEXT) || '@' || adopted_at FROM plan_of_record WHERE id = 1", cancellationToken: cancellationToken));

    /// <summary>The whole audit log, oldest first: adoptions and replans, and API tokens added and revoked.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<AuditRow>(new CommandDefinition(
            "SELECT id AS Id, at AS At, actor AS Actor, action AS Action, run_id AS RunId, details AS Details FROM audit ORDER BY id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(a => new AuditEntry(a.Id, StoredText.Instant(a.At), a.Actor, StoredNames.ToAuditAction(a.Action), a.RunId, a.Details))];
    }

#pragma warning disable CA1812 // Instantiated by Dapper.
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
