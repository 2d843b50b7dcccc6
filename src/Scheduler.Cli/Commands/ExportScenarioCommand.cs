using System.CommandLine;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Validation;
using Scheduler.Workbooks.Slates;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler export-scenario SCENARIO --out FILE</c>: any scenario file as a slate workbook.</summary>
internal static class ExportScenarioCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "The scenario file (JSON, or a slate workbook)." };
        var output = new Option<string>("--out") { Description = "The workbook to write (.xlsx).", Required = true };
        var command = new Command("export-scenario", "Write a scenario as a slate workbook, which 'import' reads back into the same scenario.") { scenario, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(scenario)!;
            var target = parse.GetValue(output)!;
            try
            {
                var document = await ScenarioDocuments.LoadFileAsync(path, cancellationToken).ConfigureAwait(false);
                await OutputFiles.WriteAsync(target, SlateWorkbooks.Export(document.Content), cancellationToken).ConfigureAwait(false);
                await context.Output.WriteLineAsync($"Wrote {target}: scenario '{document.Scenario.Name}' as a slate workbook.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (ScenarioValidationException ex)
            {
                await context.Error.WriteLineAsync(CliScenarios.Describe(ex)).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
            catch (XlsxFormatException ex)
            {
                // A field too long for a cell: the scenario cannot be a workbook as it is.
                await context.Error.WriteLineAsync($"Scenario '{path}' cannot be written as a workbook: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
