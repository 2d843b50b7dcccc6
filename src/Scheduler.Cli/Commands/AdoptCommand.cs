using System.CommandLine;
using Scheduler.Application.Adopting;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler adopt RUN</c>: makes a stored plan the plan of record, after the verifier has
/// checked it again against the stored scenario. Refuses an unknown run, a run without a verified
/// plan, and a plan that no longer passes.
/// </summary>
internal static class AdoptCommand
{
    public static Command Create(CliContext context)
    {
        var runId = StoredRunInput.Argument();
        var database = Database.Option();
        var command = new Command("adopt", "Make a stored run's plan the plan of record.") { runId, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            var result = await PlanAdoption.AdoptAsync(store, parse.GetValue(runId), Database.Actor, cancellationToken).ConfigureAwait(false);
            foreach (var line in result.Reasons)
            {
                await (result.Adopted ? context.Output : context.Error).WriteLineAsync(line).ConfigureAwait(false);
            }

            return result.Adopted ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }
}
