using System.Data.Common;
using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>
/// Writes out <c>plan_of_record_drops</c> for a newly adopted run, in the adoption's transaction:
/// the premiere of each release and its later drops, each marked published when a publication of
/// its (title, region, drop) exists, from this plan or one before it.
/// </summary>
internal static class PlanOfRecordDrops
{
    public static async Task RewriteAsync(DatabaseSession session, DbTransaction transaction, long runId, CancellationToken cancellationToken)
    {
        await session.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM plan_of_record_drops", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO plan_of_record_drops (title, region, drop_index, run_id, drops, date, publish_at, publish_ms, mode, published)
            SELECT x.title, x.region, x.drop_index, x.run_id, x.drops, x.date, x.publish_at, {session.Dialect.EpochMilliseconds("x.publish_at")}, x.mode,
                   CASE WHEN p.title IS NULL THEN 0 ELSE 1 END
            FROM (
                SELECT run_id, title, region, CAST(0 AS BIGINT) AS drop_index, drops, date, publish_at, mode
                FROM releases WHERE run_id = @runId
                UNION ALL
                SELECT d.run_id, d.title, d.region, d.drop_index, r.drops, d.date, d.publish_at, r.mode
                FROM release_drops d JOIN releases r ON r.run_id = d.run_id AND r.title = d.title AND r.region = d.region
                WHERE d.run_id = @runId
            ) x
            LEFT JOIN publications p ON p.title = x.title AND p.region = x.region AND p.drop_index = x.drop_index
            """,
            new { runId },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
