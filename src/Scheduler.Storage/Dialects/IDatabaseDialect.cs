using System.Data.Common;

namespace Scheduler.Storage.Dialects;

/// <summary>
/// What differs between SQLite and PostgreSQL: opening (with the identity check that refuses a
/// database that is not ours, untouched), migrating, and beginning a write. The stores' SQL is
/// shared and runs on the connection this gives.
/// </summary>
internal interface IDatabaseDialect
{
    /// <summary>The newest schema version this build knows.</summary>
    int LatestVersion { get; }

    /// <summary>
    /// Opens the database, refusing one of another application or of a newer schema without
    /// changing it, and applies the migrations it lacks.
    /// </summary>
    /// <exception cref="StorageException">The database cannot be used; the message names it by its display form.</exception>
    Task<DbConnection> OpenAsync(DatabaseTarget target, CancellationToken cancellationToken = default);

    /// <summary>The schema version recorded in the database.</summary>
    Task<int> SchemaVersionAsync(DbConnection connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins a transaction that will write. On SQLite it takes the write lock at once, so that a
    /// second writer waits instead of failing half-way.
    /// </summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Before a commit: throws the engine's own error when the engine has already rolled the
    /// transaction back by itself (SQLite does on a full disk, and a statement's late error can go
    /// unreported), so that the caller learns the cause rather than "no transaction is active".
    /// </summary>
    void EnsureTransactionAlive(DbConnection connection);

    /// <summary>
    /// An SQL expression for the instant in the ISO-8601 text column <paramref name="column"/> as
    /// milliseconds since 1970-01-01T00:00Z: a number orders and compares instants truly.
    /// </summary>
    string EpochMilliseconds(string column);

    /// <summary>The engine's own consistency check, or null where the engine has none to run from a client.</summary>
    Task<string?> IntegrityCheckAsync(DbConnection connection, CancellationToken cancellationToken = default);
}
