using Scheduler.Storage.Dialects;
using Scheduler.Storage.Stores;

namespace Scheduler.Storage;

/// <summary>
/// An open Scheduler database, SQLite or PostgreSQL, and its stores: scenarios, runs, the plan of
/// record with its audit log, publications, notifications and the HTTP API's tokens. Every write
/// is one transaction: a crash leaves all of it or none of it, and a second process writing at the
/// same time waits for the first instead of failing. One instance is one connection; use it from one flow at a time.
/// </summary>
public sealed class SchedulerDatabase : IDisposable, IAsyncDisposable
{
    private readonly DatabaseSession _session;

    private SchedulerDatabase(DatabaseTarget target, DatabaseSession session, int schemaVersion)
    {
        Target = target;
        _session = session;
        SchemaVersion = schemaVersion;
        Scenarios = new ScenarioStore(session);
        Runs = new RunArchive(session, Scenarios);
        SolveQueue = new SolveQueueStore(session);
        PlanOfRecord = new PlanOfRecordStore(session);
        Publications = new PublicationStore(session);
        PublicationWindow = new PublicationWindowStore(session);
        Notifications = new NotificationStore(session);
        Tokens = new TokenStore(session);
        Comparisons = new ComparisonStore(session);
    }

    public DatabaseTarget Target { get; }

    /// <summary>How messages name the database: the file's full path, or the URI without its password.</summary>
    public string Display => Target.Display;

    /// <summary>The schema version, as recorded in the database once it was opened (and migrated).</summary>
    public int SchemaVersion { get; }

    public ScenarioStore Scenarios { get; }

    /// <summary>Every run: what was planned, how it ended, its plan.</summary>
    public RunArchive Runs { get; }

    /// <summary>Runs waiting to be solved and being solved.</summary>
    public SolveQueueStore SolveQueue { get; }

    /// <summary>What-if comparisons queued as runs.</summary>
    public ComparisonStore Comparisons { get; }

    public PlanOfRecordStore PlanOfRecord { get; }

    public PublicationStore Publications { get; }

    /// <summary>The last filling of the window of publication triggers.</summary>
    public PublicationWindowStore PublicationWindow { get; }

    public NotificationStore Notifications { get; }

    public TokenStore Tokens { get; }

    /// <summary>The connection and dialect under the stores, for work across every area at once (<see cref="DatabaseCopy"/>).</summary>
    internal DatabaseSession Session => _session;

    /// <summary>Opens (creating and migrating as needed) the database <paramref name="target"/> names.</summary>
    /// <exception cref="StorageException">
    /// The database is not a Scheduler database, is from a newer version, or (PostgreSQL) cannot be reached.
    /// </exception>
    public static async Task<SchedulerDatabase> OpenAsync(DatabaseTarget target, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(time);
        IDatabaseDialect dialect = target.Kind == DatabaseKind.Postgres ? PostgresDialect.Instance : SqliteDialect.Instance;
        var connection = await dialect.OpenAsync(target, cancellationToken).ConfigureAwait(false);
        var session = new DatabaseSession(connection, dialect, time);
        try
        {
            var version = await dialect.SchemaVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            return new SchedulerDatabase(target, session, version);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// SQLite's own consistency check: "ok" when the file is sound. Null on PostgreSQL, which
    /// checks its pages itself and offers no such check to an ordinary client.
    /// </summary>
    public Task<string?> IntegrityCheckAsync(CancellationToken cancellationToken = default)
        => _session.Dialect.IntegrityCheckAsync(_session.Connection, cancellationToken);

    public void Dispose() => _session.Dispose();

    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
