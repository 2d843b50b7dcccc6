using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Storage;

namespace Scheduler.Reports.Json;

/// <summary>One drop of the plan of record and where its publication stands.</summary>
public sealed record PublicationRow(
    string Title,
    string Region,
    int Drop,
    int Drops,
    string Date,
    string PublishAt,
    string? PublishAtLocal,
    string State,
    string? PublishedAt,
    double? LatenessSeconds,
    string? Node,
    string? Error);

/// <summary>
/// The plan of record's publications, drop by drop, as <c>status --json</c> and the API give them:
/// upcoming, published, late (more than a minute after its instant) or failed (its notification could not be delivered).
/// </summary>
public sealed record PublicationStatus(long? PlanOfRecord, ImmutableArray<PublicationRow> Releases)
{
    /// <summary>A publication this much after its instant is late.</summary>
    public const double LateAfterSeconds = 60;

    public static async Task<PublicationStatus> ReadAsync(SchedulerDatabase store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var releases = await store.Publications.PlanOfRecordDropsAsync(cancellationToken).ConfigureAwait(false);
        var planOfRecord = await store.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var failed = (await store.Notifications.AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(n => n.Status == "failed")
            .ToDictionary(n => (n.Title, n.Region, n.Drop), n => n.LastError);
        var zones = await ZonesOfRunAsync(store, planOfRecord, cancellationToken).ConfigureAwait(false);
        var rows = releases.Select(r => new PublicationRow(
            r.Title,
            r.Region,
            r.Drop,
            r.DropCount,
            LocalDatePattern.Iso.Format(r.Date),
            InstantPattern.General.Format(r.PublishAt),
            zones.TryGetValue(r.Region, out var zone) ? r.PublishAt.InZone(zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm> x", CultureInfo.InvariantCulture) : null,
            failed.ContainsKey((r.Title, r.Region, r.Drop)) ? "failed" : r.PublishedAt is null ? "upcoming" : r.LatenessSeconds > LateAfterSeconds ? "late" : "published",
            r.PublishedAt is { } at ? InstantPattern.ExtendedIso.Format(at) : null,
            r.LatenessSeconds,
            r.PublishedBy,
            failed.GetValueOrDefault((r.Title, r.Region, r.Drop))));
        return new PublicationStatus(planOfRecord, [.. rows]);
    }

    /// <summary>The regions' time zones, from the scenario stored with the plan of record.</summary>
    private static async Task<Dictionary<string, DateTimeZone>> ZonesOfRunAsync(SchedulerDatabase store, long? runId, CancellationToken cancellationToken)
    {
        if (runId is null || await store.Runs.FindAsync(runId.Value, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return [];
        }

        using var document = JsonDocument.Parse(await store.Scenarios.ContentAsync(run.ScenarioId, cancellationToken).ConfigureAwait(false));
        return document.RootElement.GetProperty("regions").EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetString()!, Zone: DateTimeZoneProviders.Tzdb.GetZoneOrNull(r.GetProperty("timeZone").GetString()!)))
            .Where(r => r.Zone is not null)
            .ToDictionary(r => r.Id, r => r.Zone!);
    }
}
