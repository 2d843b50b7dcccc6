using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Storage;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler status [--json]</c>: the plan of record's publications, drop by drop: upcoming, published, late and failed.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var database = Database.Option();
        var command = new Command("status", "Show upcoming, published, late and failed publications.") { json, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            var releases = await store.Publications.PlanOfRecordDropsAsync(cancellationToken).ConfigureAwait(false);
            var planOfRecord = await store.PlanOfRecord.CurrentAsync(cancellationToken).ConfigureAwait(false);
            var failed = (await store.Notifications.AllAsync(cancellationToken).ConfigureAwait(false)).Where(n => n.Status == "failed").ToDictionary(n => (n.Title, n.Region, n.Drop), n => n.LastError);
            var zones = await ZonesOfRunAsync(store, planOfRecord, cancellationToken).ConfigureAwait(false);
            var rows = releases.Select(r => new
            {
                title = r.Title,
                region = r.Region,
                drop = r.Drop,
                drops = r.DropCount,
                date = LocalDatePattern.Iso.Format(r.Date),
                publishAt = InstantPattern.General.Format(r.PublishAt),
                publishAtLocal = zones.TryGetValue(r.Region, out var zone) ? r.PublishAt.InZone(zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm> x", CultureInfo.InvariantCulture) : null,
                state = failed.ContainsKey((r.Title, r.Region, r.Drop)) ? "failed" : r.PublishedAt is null ? "upcoming" : r.LatenessSeconds > 60 ? "late" : "published",
                publishedAt = r.PublishedAt is { } at ? InstantPattern.ExtendedIso.Format(at) : null,
                latenessSeconds = r.LatenessSeconds,
                node = r.PublishedBy,
                error = failed.GetValueOrDefault((r.Title, r.Region, r.Drop)),
            }).ToList();

            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { planOfRecord, releases = rows }, CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (planOfRecord is not { } run)
            {
                await context.Output.WriteLineAsync("No plan of record yet: adopt a run with 'scheduler adopt RUN' or 'plan --adopt'.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var counts = rows.GroupBy(r => r.state).ToDictionary(g => g.Key, g => g.Count());
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Plan of record: run {run}. {counts.GetValueOrDefault("upcoming")} upcoming, {counts.GetValueOrDefault("published")} published, {counts.GetValueOrDefault("late")} late, {counts.GetValueOrDefault("failed")} failed.")).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("publish at (UTC)").AddColumn("local").AddColumn("title").AddColumn("region").AddColumn("drop").AddColumn("state").AddColumn("published at").AddColumn("node");
            foreach (var row in rows)
            {
                // A whole-season release has one drop; weekly and batched titles show each drop's index, as the plan file does.
                var drop = row.drops == 1 ? "" : row.drop.ToString(CultureInfo.InvariantCulture);
                table.AddRow(row.publishAt, Markup.Escape(row.publishAtLocal ?? ""), Markup.Escape(row.title), Markup.Escape(row.region), drop, row.state, row.publishedAt ?? "", Markup.Escape(row.node ?? ""));
            }

            Terminal.For(context).Write(table);
            return ExitCodes.Ok;
        });
        return command;
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
