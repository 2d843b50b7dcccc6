using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Application.Publications;
using Scheduler.Publishing;
using Scheduler.Reports;
using Scheduler.Reports.Json;
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

            var status = await PublicationStatus.ReadAsync(store, cancellationToken).ConfigureAwait(false);
            var rows = status.Releases;
            var planOfRecord = status.PlanOfRecord;

            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(PublicationJson.Of(status), CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (planOfRecord is not { } run)
            {
                await context.Output.WriteLineAsync("No plan of record yet: adopt a run with 'scheduler adopt RUN' or 'plan --adopt'.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var counts = rows.GroupBy(r => r.State).ToDictionary(g => g.Key, g => g.Count());
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Plan of record: run {run}. {counts.GetValueOrDefault(PublicationState.Upcoming)} upcoming, {counts.GetValueOrDefault(PublicationState.Published)} published, {counts.GetValueOrDefault(PublicationState.Late)} late, {counts.GetValueOrDefault(PublicationState.Failed)} failed.")).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("publish at (UTC)").AddColumn("local").AddColumn("title").AddColumn("region").AddColumn("drop").AddColumn("state").AddColumn("published at").AddColumn("node");
            foreach (var row in rows)
            {
                // A whole-season release has one drop; weekly and batched titles show each drop's index, as the plan file does.
                var drop = row.Drops == 1 ? "" : row.Drop.ToString(CultureInfo.InvariantCulture);
                table.AddRow(
                    InstantPattern.General.Format(row.PublishAt),
                    Markup.Escape(PublicationJson.LocalInstant(row) ?? ""),
                    Markup.Escape(row.Title),
                    Markup.Escape(row.Region),
                    drop,
                    Words.Of(row.State),
                    row.PublishedAt is { } at ? InstantPattern.ExtendedIso.Format(at) : "",
                    Markup.Escape(row.Node ?? ""));
            }

            Terminal.For(context).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
