using System.Collections.Immutable;
using NodaTime;
using Scheduler.Application.Scenarios;
using Scheduler.Publishing;
using Scheduler.Storage;

namespace Scheduler.Application.Publications;

/// <summary>
/// One drop of the plan of record and where its publication stands: its instant (and in the
/// region's zone, when the stored scenario names one), its state, when and by which node it was
/// published, and the sink's last answer when its notification failed.
/// </summary>
public sealed record PublicationRow(
    string Title,
    string Region,
    int Drop,
    int Drops,
    LocalDate Date,
    Instant PublishAt,
    ZonedDateTime? PublishAtLocal,
    PublicationState State,
    Instant? PublishedAt,
    double? LatenessSeconds,
    string? Node,
    string? Error);

/// <summary>
/// The plan of record's publications, drop by drop, as <c>status</c> and the API give them:
/// upcoming, published, late or failed (<see cref="PublicationStates"/>).
/// </summary>
public sealed record PublicationStatus(long? PlanOfRecord, ImmutableArray<PublicationRow> Releases)
{
    public static async Task<PublicationStatus> ReadAsync(SchedulerDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var releases = await database.Publications.PlanOfRecordDropsAsync(cancellationToken).ConfigureAwait(false);
        var planOfRecord = await database.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var notifications = (await database.Notifications.AllAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(n => (n.Title, n.Region, n.Drop));
        var zones = planOfRecord is { } runId && await database.Runs.FindAsync(runId, cancellationToken).ConfigureAwait(false) is { } run
            ? (await StoredScenarios.OutlineAsync(database, run.ScenarioId, cancellationToken).ConfigureAwait(false)).RegionZones
            : ImmutableDictionary<string, DateTimeZone>.Empty;
        var rows = releases.Select(r =>
        {
            var notification = notifications.GetValueOrDefault((r.Title, r.Region, r.Drop));
            var state = PublicationStates.Of(r, notification?.Status);
            return new PublicationRow(
                r.Title,
                r.Region,
                r.Drop,
                r.DropCount,
                r.Date,
                r.PublishAt,
                zones.TryGetValue(r.Region, out var zone) ? r.PublishAt.InZone(zone) : null,
                state,
                r.PublishedAt,
                r.LatenessSeconds,
                r.PublishedBy,
                state == PublicationState.Failed ? notification!.LastError : null);
        });
        return new PublicationStatus(planOfRecord, [.. rows]);
    }
}
