using System.Data.Common;
using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>Appends to the audit log, within the transaction of the change it records, so that a change is never left unaudited.</summary>
internal static class AuditLog
{
    /// <summary>One entry at <paramref name="at"/>, the instant as stored (<see cref="StoredText"/>) and the same as the change's own.</summary>
    public static Task AppendAsync(
        DatabaseSession session, DbTransaction transaction, string at, string actor, AuditAction action, long? runId, string details, CancellationToken cancellationToken)
        => session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit (at, actor, action, run_id, details) VALUES (@at, @actor, @action, @runId, @details)",
            new { at, actor, action = StoredNames.Of(action), runId, details },
            transaction,
            cancellationToken: cancellationToken));
}
