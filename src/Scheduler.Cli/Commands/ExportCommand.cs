using System.CommandLine;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler export RUN --out plan.json</c>: the stored plan file, byte for byte what <c>plan --out</c> wrote.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var runId = StoredRunInput.Argument();
        var output = new Option<string>("--out") { Description = "Where to write the plan file.", Required = true };
        var database = Database.Option();
        var command = new Command("export", "Write a stored run's plan file.") { runId, output, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null || await StoredRunInput.FindPlanAsync(context, store, parse.GetValue(runId), cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return ExitCodes.InvalidInput;
            }

            await OutputFiles.WriteAsync(parse.GetValue(output)!, found.Run.PlanJson!, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
