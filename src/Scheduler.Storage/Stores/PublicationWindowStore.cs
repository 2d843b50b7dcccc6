using Dapper;
using Scheduler.Storage.Dialects;

namespace Scheduler.Storage.Stores;

/// <summary>Where the nodes of a cluster record the window's last filling, so that one filling per adoption serves them all.</summary>
public sealed class PublicationWindowStore
{
    private readonly DatabaseSession _session;

    internal PublicationWindowStore(DatabaseSession session)
    {
        _session = session;
    }

    /// <summary>The last filling, or null before the first.</summary>
    public async Task<PublicationWindow?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var row = await _session.Connection.QuerySingleOrDefaultAsync<WindowRow>(new CommandDefinition(
            "SELECT stamp AS Stamp, through AS Through, refilled_at AS RefilledAt, node AS Node, instants AS Instants, drops AS Drops FROM publication_window WHERE id = 1",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new PublicationWindow(row.Stamp, StoredText.Instant(row.Through), StoredText.Instant(row.RefilledAt), row.Node, (int)row.Instants, (int)row.Drops);
    }

    /// <summary>Records a filling, replacing the one before.</summary>
    public Task RecordAsync(PublicationWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        return _session.WriteAsync(
            transaction => _session.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO publication_window (id, stamp, through, refilled_at, node, instants, drops)
                VALUES (1, @Stamp, @through, @refilledAt, @Node, @instants, @drops)
                ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp, through = excluded.through, refilled_at = excluded.refilled_at,
                    node = excluded.node, instants = excluded.instants, drops = excluded.drops
                """,
                new
                {
                    window.Stamp,
                    through = StoredText.Of(window.Through),
                    refilledAt = StoredText.Of(window.RefilledAt),
                    window.Node,
                    instants = (long)window.Instants,
                    drops = (long)window.Drops,
                },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

#pragma warning disable CA1812 // Instantiated by Dapper.
    private sealed class WindowRow
    {
        public string Stamp { get; set; } = "";

        public string Through { get; set; } = "";

        public string RefilledAt { get; set; } = "";

        public string Node { get; set; } = "";

        public long Instants { get; set; }

        public long Drops { get; set; }
    }
#pragma warning restore CA1812
}
