using System.CommandLine;
using Scheduler.Application.Scenarios;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler submit FILE</c>: validates a new version of a scenario and stores it without planning, for the next replan.</summary>
internal static class SubmitCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The scenario file (JSON)." };
        var database = Database.Option();
        var command = new Command("submit", "Validate and store a scenario version, for the next replan.") { file, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = await CliScenarios.LoadAsync(context, parse.GetValue(file)!, null, cancellationToken).ConfigureAwait(false);
            var errors = input?.Document.VariantErrors.ToList() ?? [];
            if (input is null || errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await context.Error.WriteLineAsync(CliScenarios.Describe(error)).ConfigureAwait(false);
                }

                return ExitCodes.InvalidInput;
            }

            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null)
            {
                return ExitCodes.InvalidInput;
            }

            var id = await StoredScenarios.SubmitAsync(store, input.Document, Database.Actor, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Scenario '{input.Scenario.Name}' stored (document {id}, sha256 {input.Document.Sha256[..12]}); the next replan uses it.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
