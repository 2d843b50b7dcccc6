using System.Collections.Immutable;
using System.Text.Json;
using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>What-if comparisons queued as runs (<see cref="SolveQueueStore.QueueAsync(QueuedRun, CancellationToken)"/> with a comparison id): what was asked, to assemble the answer once the runs end.</summary>
public sealed class ComparisonStore
{
    private readonly DatabaseSession _session;

    internal ComparisonStore(DatabaseSession session)
    {
        _session = session;
    }

    /// <summary>Records a comparison of stored scenario <paramref name="scenarioId"/>'s <paramref name="variants"/> (empty for all) with its base; returns its id.</summary>
    /// <exception cref="StorageException">There is no scenario <paramref name="scenarioId"/>.</exception>
    public Task<long> AddAsync(long scenarioId, IReadOnlyList<string> variants, bool anchored, string? requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variants);
        return _session.WriteAsync(
            async transaction =>
            {
                if (await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT count(*) FROM scenarios WHERE id = @scenarioId", new { scenarioId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
                {
                    throw new StorageException($"Scenario {scenarioId} is not in the database.");
                }

                return await _session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO comparisons (scenario_id, variants, anchored, requested_by, created_at)
                    VALUES (@scenarioId, @variantsJson, @anchoredFlag, @requestedBy, @now)
                    RETURNING id
                    """,
                    new { scenarioId, variantsJson = JsonSerializer.Serialize(variants), anchoredFlag = anchored ? 1L : 0L, requestedBy, now = StoredText.Of(_session.Now()) },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>The comparison with this id, or null.</summary>
    public async Task<StoredComparison?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await _session.Connection.QueryAsync<(long Id, long ScenarioId, string Variants, long Anchored, string? RequestedBy, string CreatedAt)>(new CommandDefinition(
            "SELECT id, scenario_id, variants, anchored, requested_by, created_at FROM comparisons WHERE id = @id",
            new { id },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows
            .Select(r => new StoredComparison(
                r.Id, r.ScenarioId, JsonSerializer.Deserialize<ImmutableArray<string>>(r.Variants), r.Anchored != 0, r.RequestedBy, StoredText.Instant(r.CreatedAt)))
            .SingleOrDefault();
    }
}
