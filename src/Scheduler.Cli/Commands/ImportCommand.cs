using System.CommandLine;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Validation;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler import WORKBOOK --out FILE</c>: a slate workbook as a scenario file, checked first.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var workbook = new Argument<string>("WORKBOOK") { Description = "The slate workbook (.xlsx)." };
        var output = new Option<string>("--out") { Description = "The scenario file to write (JSON).", Required = true };
        var command = new Command("import", "Convert a slate workbook into a scenario file; it is checked as 'validate' checks it, and nothing is written when it is invalid.") { workbook, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(workbook)!;
            var target = parse.GetValue(output)!;
            try
            {
                var document = await ScenarioDocuments.LoadFileAsync(path, cancellationToken).ConfigureAwait(false);
                var errors = document.VariantErrors.ToList();
                if (errors.Count > 0)
                {
                    throw new ScenarioValidationException(path, errors);
                }

                await OutputFiles.WriteAsync(target, document.Content.ToArray(), cancellationToken).ConfigureAwait(false);
                await context.Output.WriteLineAsync(
                    $"Wrote {target}: scenario '{document.Scenario.Name}', {document.Scenario.Titles.Length} titles, {document.Scenario.Regions.Length} regions, {document.Variants.Length} variants.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (ScenarioValidationException ex)
            {
                await context.Error.WriteLineAsync(CliScenarios.Describe(ex)).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
