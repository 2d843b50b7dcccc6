using System.Data.Common;
using NodaTime;

namespace Scheduler.Storage.Dialects;

/// <summary>
/// One open database as the stores share it: the connection, its dialect and the clock that
/// stamps what they write.
/// </summary>
internal sealed class DatabaseSession : IAsyncDisposable, IDisposable
{
    public DatabaseSession(DbConnection connection, IDatabaseDialect dialect, TimeProvider time)
    {
        Connection = connection;
        Dialect = dialect;
        Time = time;
    }

    public DbConnection Connection { get; }

    public IDatabaseDialect Dialect { get; }

    public TimeProvider Time { get; }

    public Instant Now() => Instant.FromDateTimeOffset(Time.GetUtcNow());

    /// <summary>Runs <paramref name="work"/> in one write transaction: all of it commits, or none of it.</summary>
    public async Task<T> WriteAsync<T>(Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var transaction = await Dialect.BeginWriteAsync(Connection, cancellationToken).ConfigureAwait(false);
        var result = await work(transaction).ConfigureAwait(false);
        Dialect.EnsureTransactionAlive(Connection);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    public void Dispose() => Connection.Dispose();
}
