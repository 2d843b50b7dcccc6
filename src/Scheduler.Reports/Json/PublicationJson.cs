using System.Globalization;
using NodaTime.Text;
using Scheduler.Application.Publications;
using Scheduler.Storage;

namespace Scheduler.Reports.Json;

/// <summary>The plan of record's publications as <c>status --json</c> prints them and the API gives them: counts by state, the page asked for, the trigger window, and the page's drops.</summary>
public sealed record PublicationDocument(long? PlanOfRecord, PublicationCountsJson Counts, PublicationPageJson Page, TriggerWindowJson? Triggers, IReadOnlyList<PublicationJsonRow> Releases);

/// <summary>How many drops of the plan of record stand in each state.</summary>
public sealed record PublicationCountsJson(long Upcoming, long Published, long Late, long Failed, long Total);

/// <summary>The page of drops given: the state asked for (null: every state), where it starts, its size, and how many drops match.</summary>
public sealed record PublicationPageJson(PublicationState? State, long Offset, int Limit, long Matching);

/// <summary>The window of publication triggers as last filled: the instant it reaches, when and by which node, and how many instants and drops it holds.</summary>
public sealed record TriggerWindowJson(string Through, string FilledAt, string Node, int Instants, int Drops);

/// <summary>One drop: its instant in UTC and in the region's zone, its state, when and by which node it was published, how late, and the sink's last error.</summary>
public sealed record PublicationJsonRow(
    string Title,
    string Region,
    int Drop,
    int Drops,
    string Date,
    string PublishAt,
    string? PublishAtLocal,
    PublicationState State,
    string? PublishedAt,
    double? LatenessSeconds,
    string? Node,
    string? Error);

/// <summary>Publications as the CLI and the API give them.</summary>
public static class PublicationJson
{
    public static PublicationDocument Of(PublicationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var counts = status.Counts;
        return new PublicationDocument(
            status.PlanOfRecord,
            new PublicationCountsJson(counts.Upcoming, counts.Published, counts.Late, counts.Failed, counts.Total),
            new PublicationPageJson(status.Query.State, status.Query.Offset, status.Query.Limit, status.Query.State is { } state ? counts.Of(state) : counts.Total),
            status.Triggers is { } window
                ? new TriggerWindowJson(InstantPattern.ExtendedIso.Format(window.Through), InstantPattern.ExtendedIso.Format(window.RefilledAt), window.Node, window.Instants, window.Drops)
                : null,
            [.. status.Releases.Select(r => new PublicationJsonRow(
                r.Title,
                r.Region,
                r.Drop,
                r.Drops,
                LocalDatePattern.Iso.Format(r.Date),
                InstantPattern.General.Format(r.PublishAt),
                LocalInstant(r),
                r.State,
                r.PublishedAt is { } at ? InstantPattern.ExtendedIso.Format(at) : null,
                r.LatenessSeconds,
                r.Node,
                r.Error))]);
    }

    /// <summary>The instant in the region's zone, with its offset and the zone's abbreviation: <c>2027-03-19T00:00+01:00 CET</c>.</summary>
    public static string? LocalInstant(PublicationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.PublishAtLocal?.ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm> x", CultureInfo.InvariantCulture);
    }
}
