using System.Collections.Immutable;
using NodaTime;
using Scheduler.Application.Scenarios;
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
/// The plan of record's publications as <c>status</c> and the API give them: counts by state
/// (<see cref="PublicationStates"/>), decided by the database, one page of drops, and the window of
/// publication triggers as last filled. Neither reads every drop of a large plan.
/// </summary>
public sealed record PublicationStatus(
    long? PlanOfRecord,
    PublicationCounts Counts,
    PublicationQuery Query,
    ImmutableArray<PublicationRow> Releases,
    PublicationWindow? Triggers)
{
    public static async Task<PublicationStatus> ReadAsync(SchedulerDatabase database, PublicationQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        query ??= new PublicationQuery();
        var planOfRecord = await database.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var counts = await database.Publications.CountsAsync(cancellationToken).ConfigureAwait(false);
        var page = await database.Publications.PageAsync(query.State, query.Offset, query.Limit, cancellationToken).ConfigureAwait(false);
        var zones = planOfRecord is { } runId && page.Count > 0 && await database.Runs.ScenarioOfAsync(runId, cancellationToken).ConfigureAwait(false) is { } scenarioId
            ? (await StoredScenarios.OutlineAsync(database, scenarioId, cancellationToken).ConfigureAwait(false)).RegionZones
            : ImmutableDictionary<string, DateTimeZone>.Empty;
        var rows = page.Select(standing =>
        {
            var r = standing.Drop;
            return new PublicationRow(
                r.Title,
                r.Region,
                r.Drop,
                r.DropCount,
                r.Date,
                r.PublishAt,
                zones.TryGetValue(r.Region, out var zone) ? r.PublishAt.InZone(zone) : null,
                standing.State,
                r.PublishedAt,
                r.LatenessSeconds,
                r.PublishedBy,
                standing.Error);
        });
        var window = await database.PublicationWindow.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new PublicationStatus(planOfRecord, counts, query, [.. rows], window);
    }
}
