using System.CommandLine;
using Scheduler.Application.Scenarios;
using Scheduler.Reports.Workbooks;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler export RUN [--out plan.json] [--xlsx plan.xlsx]</c>: the stored plan file, byte for
/// byte what <c>plan --out</c> wrote, and the plan as a workbook.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var runId = StoredRunInput.Argument();
        var output = new Option<string?>("--out") { Description = "Where to write the plan file (JSON)." };
        var xlsx = new Option<string?>("--xlsx") { Description = "Where to write the plan as an Excel workbook (Releases, KPIs, Calendar)." };
        var database = Database.Option();
        var command = new Command("export", "Write a stored run's plan file, or its workbook.") { runId, output, xlsx, database };
        command.Validators.Add(result =>
        {
            if (result.GetValue(output) is null && result.GetValue(xlsx) is null)
            {
                result.AddError("Say what to write: --out FILE (the plan JSON), --xlsx FILE (a workbook), or both.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null || await StoredRunInput.FindPlanAsync(context, store, parse.GetValue(runId), cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return ExitCodes.InvalidInput;
            }

            // Both files are made before either is written, so a failure leaves neither half done.
            byte[]? workbook = null;
            if (parse.GetValue(xlsx) is not null)
            {
                var input = await StoredScenarios.OfRunAsync(store, found.Run, cancellationToken).ConfigureAwait(false);
                workbook = PlanWorkbook.Write(input.Scenario, found.Plan, $"{input.Heading}, run {found.Run.Id}");
            }

            if (parse.GetValue(output) is { } jsonPath)
            {
                await OutputFiles.WriteAsync(jsonPath, found.Run.PlanJson!, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(xlsx) is { } workbookPath)
            {
                await OutputFiles.WriteAsync(workbookPath, workbook!, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
