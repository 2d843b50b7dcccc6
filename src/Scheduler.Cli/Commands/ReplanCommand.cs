using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Text;
using Scheduler.Application.Replanning;
using Scheduler.Solver.Planning;
using Scheduler.Storage;
using Scheduler.Workbooks.Plans;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler replan [--as-of DATE] [--dry-run] [--pins plan.xlsx]</c>: the nightly replan, once, from the command
/// line: stored with trigger <c>cli</c> and adopted when valid; with <c>--dry-run</c> the moves are
/// printed and nothing is stored.
/// </summary>
internal static class ReplanCommand
{
    public static Command Create(CliContext context)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Replan as of this date (YYYY-MM-DD, midnight UTC) or instant; default: now." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the moves; store and adopt nothing." };
        var pins = new Option<string?>("--pins") { Description = "A plan workbook (plan.xlsx) whose dates a planner edited: the edited releases are pinned on their new dates, in a new scenario version, before the replan." };
        var database = Database.Option();
        var command = new Command("replan", "Re-optimize the plan of record against the newest scenario, keeping what is published or imminent.") { asOf, dryRun, pins, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(asOf);
            Instant instant;
            if (text is null)
            {
                instant = Instant.FromDateTimeOffset(context.Time.GetUtcNow());
            }
            else if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
            {
                instant = date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
            }
            else if (InstantPattern.General.Parse(text) is { Success: true } parsed)
            {
                instant = parsed.Value;
            }
            else
            {
                await context.Error.WriteLineAsync($"--as-of: '{text}' is neither a date YYYY-MM-DD nor a UTC instant like 2027-03-01T02:00:00Z.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            EditedPlan? edited = null;
            if (parse.GetValue(pins) is { } workbook)
            {
                try
                {
                    edited = EditedPlanReader.Read(await File.ReadAllBytesAsync(workbook, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XlsxFormatException)
                {
                    await context.Error.WriteLineAsync($"--pins: '{workbook}' cannot be read: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }
            }

            if (await Database.ResolveAsync(context, parse.GetValue(database)).ConfigureAwait(false) is not { } target)
            {
                return ExitCodes.InvalidInput;
            }

            using (var check = await Database.OpenAsync(context, target, cancellationToken).ConfigureAwait(false))
            {
                if (check is null)
                {
                    return ExitCodes.InvalidInput;
                }
            }

            using var service = new ReplanService(
                token => SchedulerDatabase.OpenAsync(target, context.Time, token),
                new ReleasePlanner(context.Time),
                context.Time,
                NullLogger<ReplanService>.Instance);
            var report = await service.RunAsync(RunTrigger.Cli, instant, parse.GetValue(dryRun), Database.Actor, edited, cancellationToken).ConfigureAwait(false);
            var writer = report.Succeeded ? context.Output : context.Error;
            foreach (var line in report.Lines)
            {
                await writer.WriteLineAsync(line).ConfigureAwait(false);
            }

            return report.Succeeded ? ExitCodes.Ok : report.Outcome is { Outcome.Status: PlanningStatus.Infeasible } ? ExitCodes.Infeasible : ExitCodes.InvalidInput;
        });
        return command;
    }
}
