using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Application.Publications;
using Scheduler.Reports;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler status [--state S] [--offset N] [--limit N] [--json]</c>: the plan of record's
/// publications counted by state (upcoming, published, late, failed), the window of publication
/// triggers, and a page of drops in publication order.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var database = Database.Option();
        var state = new Option<string?>("--state") { Description = "List only drops in this state: upcoming, published, late or failed." };
        var offset = new Option<long>("--offset") { Description = "Skip this many drops of the listing (publication order)." };
        var limit = new Option<int>("--limit")
        {
            Description = "List at most this many drops (0: counts only; at most 10000).",
            DefaultValueFactory = _ => PublicationQuery.DefaultLimit,
        };
        var command = new Command("status", "Show publications counted by state (upcoming, published, late, failed), the trigger window, and a page of drops.") { json, database, state, offset, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (await QueryAsync(context, parse.GetValue(state), parse.GetValue(offset), parse.GetValue(limit)).ConfigureAwait(false) is not { } query)
            {
                return ExitCodes.InvalidInput;
            }

            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            var status = await PublicationStatus.ReadAsync(store, query, cancellationToken).ConfigureAwait(false);
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

            var counts = status.Counts;
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Plan of record: run {run}. {counts.Upcoming} upcoming, {counts.Published} published, {counts.Late} late, {counts.Failed} failed.")).ConfigureAwait(false);
            if (status.Triggers is { } window)
            {
                await context.Output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Triggers in place through {InstantPattern.General.Format(window.Through)}: {window.Drops} drops at {window.Instants} instants (filled {InstantPattern.General.Format(window.RefilledAt)} by {window.Node}).")).ConfigureAwait(false);
            }

            if (query.Limit == 0)
            {
                return ExitCodes.Ok;
            }

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
            var matching = query.State is { } only ? counts.Of(only) : counts.Total;
            if (query.Offset > 0 || query.Offset + rows.Length < matching)
            {
                await context.Output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Drops {Math.Min(query.Offset + 1, matching)} to {query.Offset + rows.Length} of {matching}{(query.Offset + rows.Length < matching ? $"; --offset {query.Offset + rows.Length} lists the next" : "")}.")).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<PublicationQuery?> QueryAsync(CliContext context, string? state, long offset, int limit)
    {
        PublicationState? only = null;
        var errors = new List<string>();
        if (state is not null)
        {
            if (PublicationStates.TryParse(state, out var parsed))
            {
                only = parsed;
            }
            else
            {
                errors.Add($"--state: '{state}' is not a publication state: use upcoming, published, late or failed.");
            }
        }

        var query = new PublicationQuery { State = only, Offset = offset, Limit = limit };
        errors.AddRange(query.Validate().Select(e => $"--{e.Field}: {e.Message}."));
        foreach (var error in errors)
        {
            await context.Error.WriteLineAsync(error).ConfigureAwait(false);
        }

        return errors.Count == 0 ? query : null;
    }
}
