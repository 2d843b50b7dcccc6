using System.CommandLine;
using System.Text;
using Scheduler.Application.Scenarios;
using Scheduler.Reports;
using Scheduler.Reports.Calendar;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler show RUN [--json|--csv] [--report FILE] [--scenario FILE]</c>: a stored run's plan, what made it and how to make it again.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var runId = StoredRunInput.Argument();
        var json = new Option<bool>("--json") { Description = "Print the plan file." };
        var csv = new Option<bool>("--csv") { Description = "Print the releases as CSV." };
        var report = new Option<string?>("--report") { Description = "Write the release calendar as a self-contained HTML file." };
        var scenario = new Option<string?>("--scenario") { Description = "Write the scenario file the run planned, exactly as stored." };
        var database = Database.Option();
        var command = new Command("show", "Show a stored run's plan, what made it, and how to make it again.") { runId, json, csv, report, scenario, database };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var store = await Database.OpenAsync(context, parse.GetValue(database), cancellationToken).ConfigureAwait(false);
            if (store is null || await StoredRunInput.FindPlanAsync(context, store, parse.GetValue(runId), cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(report) is { } reportPath)
            {
                var input = await StoredScenarios.OfRunAsync(store, found.Run, cancellationToken).ConfigureAwait(false);
                await OutputFiles.WriteAsync(reportPath, new CalendarReport(input.Scenario).Render(found.Plan, $"{input.Heading}: run {found.Run.Id}"), cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(scenario) is { } scenarioPath)
            {
                var input = await StoredScenarios.OfRunAsync(store, found.Run, cancellationToken).ConfigureAwait(false);
                await OutputFiles.WriteAsync(scenarioPath, Encoding.UTF8.GetString(input.Document.Content.Span), cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                await context.Output.WriteAsync(found.Run.PlanJson).ConfigureAwait(false);
            }
            else if (parse.GetValue(csv))
            {
                await context.Output.WriteAsync(PlanCsv.Write(found.Plan)).ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteLineAsync($"Run {found.Run.Id}: scenario '{found.Run.ScenarioName}'{(found.Run.Variant is { } v ? $", variant {v}" : "")}, trigger {found.Run.Trigger}.").ConfigureAwait(false);
                foreach (var line in ProvenanceWording.Lines(found.Run))
                {
                    await context.Output.WriteLineAsync(line).ConfigureAwait(false);
                }

                PlanReport.Write(Terminal.For(context), found.Plan, null);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
