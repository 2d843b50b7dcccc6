using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Scheduler.Storage;

/// <summary>The rows of one table on both sides of a copy.</summary>
public sealed record CopiedTable(string Table, long Source, long Target);

/// <summary>
/// Copies one Scheduler database into another that holds nothing yet (an SQLite file into
/// PostgreSQL, say): every scenario, run and release, the plan of record, the audit log, the API
/// tokens (their hashes: the secrets go on working), the publication history and the outbox, with
/// their ids, in one transaction on the target; then counts the rows on both sides. Both
/// databases are at the same schema version once opened.
/// </summary>
public static class DatabaseCopy
{
    // Parents before children, so that every reference finds its row.
    private static readonly string[] Tables = ["scenarios", "comparisons", "runs", "releases", "release_drops", "plan_of_record", "audit", "api_tokens", "publications", "notifications", "plan_of_record_drops", "publication_window"];

    // The tables whose ids the database hands out: after rows arrive with their ids, the next id must follow them.
    private static readonly string[] Numbered = ["scenarios", "comparisons", "runs", "audit", "notifications"];

    /// <exception cref="StorageException">The target already holds scenarios or runs.</exception>
    public static async Task<IReadOnlyList<CopiedTable>> CopyAsync(SchedulerDatabase source, SchedulerDatabase target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var to = target.Session;
        var existing = await to.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (SELECT count(*) FROM scenarios) + (SELECT count(*) FROM runs)", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing > 0)
        {
            throw new StorageException($"'{target.Display}' already holds scenarios or runs; copy into a database that holds none.");
        }

        await to.WriteAsync(
            async transaction =>
            {
                foreach (var table in Tables)
                {
                    await CopyTableAsync(source.Session.Connection, to.Connection, transaction, table, cancellationToken).ConfigureAwait(false);
                }

                if (target.Target.Kind == DatabaseKind.Postgres)
                {
                    foreach (var table in Numbered)
                    {
                        await to.Connection.ExecuteAsync(new CommandDefinition(
                            $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM {table}), false)",
                            transaction: transaction,
                            cancellationToken: cancellationToken)).ConfigureAwait(false);
                    }
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);

        var counts = new List<CopiedTable>();
        foreach (var table in Tables)
        {
            counts.Add(new CopiedTable(
                table,
                await CountAsync(source.Session.Connection, table, cancellationToken).ConfigureAwait(false),
                await CountAsync(to.Connection, table, cancellationToken).ConfigureAwait(false)));
        }

        return counts;
    }

    private static async Task CopyTableAsync(DbConnection from, DbConnection to, DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var read = from.CreateCommand();
        // Numbered rows in their order: a run names the run it is an alternative to, an earlier one.
        read.CommandText = Numbered.Contains(table) ? $"SELECT * FROM {table} ORDER BY id" : $"SELECT * FROM {table}";
        await using var rows = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = Enumerable.Range(0, rows.FieldCount).Select(rows.GetName).ToList();
        await using var write = to.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = string.Create(
            CultureInfo.InvariantCulture,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})");
        var parameters = columns.Select((_, i) =>
        {
            var parameter = write.CreateParameter();
            parameter.ParameterName = string.Create(CultureInfo.InvariantCulture, $"@p{i}");
            write.Parameters.Add(parameter);
            return parameter;
        }).ToList();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                parameters[i].Value = rows.GetValue(i);
            }

            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task<long> CountAsync(DbConnection connection, string table, CancellationToken cancellationToken)
        => connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM {table}", cancellationToken: cancellationToken));
}
