using System.Data.Common;
using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>Scenario documents, content-addressed: the same bytes are stored once, however many runs plan them.</summary>
public sealed class ScenarioStore
{
    private readonly DatabaseSession _session;

    internal ScenarioStore(DatabaseSession session)
    {
        _session = session;
    }

    /// <summary>Stores a scenario document on its own (once per content); returns its id.</summary>
    public Task<long> StoreAsync(ReadOnlyMemory<byte> content, string name, string sha256, CancellationToken cancellationToken = default)
        => _session.WriteAsync(transaction => StoreAsync(content, name, sha256, transaction, cancellationToken), cancellationToken);

    /// <summary>
    /// Saves a scenario version on behalf of <paramref name="actor"/> (<c>token:alice</c>,
    /// <c>cli:root</c>): stored once per content, the first saver recorded with it, and every save
    /// audited in the same transaction. Returns its id, new or existing.
    /// </summary>
    public Task<long> SaveAsync(ReadOnlyMemory<byte> content, string name, string sha256, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return _session.WriteAsync(
            async transaction =>
            {
                var now = StoredText.Of(_session.Now());
                var id = await StoreAsync(content, name, sha256, transaction, cancellationToken, actor).ConfigureAwait(false);
                await AuditLog.AppendAsync(_session, transaction, now, actor, AuditAction.ScenarioSave, null, $"scenario {id} ({name})", cancellationToken).ConfigureAwait(false);
                return id;
            },
            cancellationToken);
    }

    /// <summary>The newest stored scenario document with this name (replans plan against it), or null.</summary>
    public async Task<(long Id, string Sha256)?> NewestAsync(string name, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<(long, string)>(new CommandDefinition(
            "SELECT id, sha256 FROM scenarios WHERE name = @name ORDER BY submitted_at DESC, id DESC LIMIT 1",
            new { name },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => ((long, string)?)r).FirstOrDefault();
    }

    /// <summary>The stored scenario versions, newest first (without their content).</summary>
    public async Task<IReadOnlyList<StoredScenario>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<(long Id, string Name, string Sha256, string SubmittedAt, string? SubmittedBy)>(new CommandDefinition(
            "SELECT id, name, sha256, submitted_at, submitted_by FROM scenarios ORDER BY id DESC LIMIT @limit",
            new { limit = (long)limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new StoredScenario(r.Id, r.Name, r.Sha256, StoredText.Instant(r.SubmittedAt), r.SubmittedBy))];
    }

    /// <summary>One stored scenario version (without its content), or null.</summary>
    public async Task<StoredScenario?> FindAsync(long scenarioId, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<(long Id, string Name, string Sha256, string SubmittedAt, string? SubmittedBy)>(new CommandDefinition(
            "SELECT id, name, sha256, submitted_at, submitted_by FROM scenarios WHERE id = @scenarioId",
            new { scenarioId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new StoredScenario(r.Id, r.Name, r.Sha256, StoredText.Instant(r.SubmittedAt), r.SubmittedBy)).FirstOrDefault();
    }

    /// <summary>The document's bytes exactly as submitted.</summary>
    /// <exception cref="StorageException">There is no such scenario.</exception>
    public async Task<byte[]> ContentAsync(long scenarioId, CancellationToken cancellationToken = default)
        => await _session.Connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
               "SELECT content FROM scenarios WHERE id = @scenarioId", new { scenarioId }, cancellationToken: cancellationToken)).ConfigureAwait(false)
           ?? throw new StorageException($"Scenario {scenarioId} is not in the database.");

    /// <summary>
    /// Stores the document within <paramref name="transaction"/> (a run's); returns its id, new or
    /// existing. A version first stored beside a run takes its first saver when one saves it.
    /// </summary>
    internal async Task<long> StoreAsync(
        ReadOnlyMemory<byte> content, string name, string sha256, DbTransaction transaction, CancellationToken cancellationToken, string? actor = null)
    {
        await _session.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO scenarios (sha256, name, submitted_at, submitted_by, content) VALUES (@sha256, @name, @now, @actor, @content)
            ON CONFLICT (sha256) DO UPDATE SET submitted_by = COALESCE(scenarios.submitted_by, excluded.submitted_by)
            """,
            new { sha256, name, now = StoredText.Of(_session.Now()), actor, content = content.ToArray() },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM scenarios WHERE sha256 = @sha256", new { sha256 }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
