using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime.Text;
using Scheduler.Core.Plans;
using Scheduler.Reports;
using Scheduler.Reports.Json;
using Scheduler.Storage;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler runs [--limit N] [--json]</c>: stored runs, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var limit = new Option<int>("--limit") { Description = "How many runs to list.", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var database = Database.Option();
        var command = new Command("runs", "List stored runs, newest first.") { limit, json, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            var runs = await store.Runs.ListAsync(Math.Max(1, parse.GetValue(limit)), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(RunListJson.Of(runs), CliJson.Options)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("run").AddColumn("created (UTC)").AddColumn("scenario").AddColumn("variant").AddColumn("trigger")
                .AddColumn("status").AddColumn(new TableColumn("objective").RightAligned()).AddColumn(new TableColumn("gap").RightAligned()).AddColumn("");
            foreach (var run in runs)
            {
                table.AddRow(
                    run.Id.ToString(CultureInfo.InvariantCulture),
                    InstantPattern.General.Format(run.CreatedAt),
                    Markup.Escape(run.Scenario),
                    Markup.Escape(run.Variant ?? ""),
                    Words.Of(run.Trigger),
                    Markup.Escape(run.Status + (FailedVerification(run) ? " (failed verification)" : "")),
                    run.Objective?.ToString("0.###", CultureInfo.InvariantCulture) ?? "",
                    run.Gap?.ToString("0.###%", CultureInfo.InvariantCulture) ?? "",
                    run.Adopted ? "plan of record" : "");
            }

            Terminal.For(context).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    // A run still queued or running, or ended without an outcome, has no plan yet to have failed.
    private static bool FailedVerification(RunSummary run)
        => run.State == RunState.Done && !run.Verified && run.Status is not (PlanStatuses.Infeasible or PlanStatuses.NoSolution);
}
