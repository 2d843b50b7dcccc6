using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Reports;
using Scheduler.Reports.Calendar;
using Scheduler.Reports.Workbooks;
using Scheduler.Solver.Planning;

namespace Scheduler.Cli.Commands;

/// <summary>Where a plan goes besides the screen: the plan file, the CSV, the calendar report, or the plan JSON printed instead of the table.</summary>
internal sealed record PlanOutputs(string? PlanPath, string? CsvPath, bool Json, string? ReportPath, string? WorkbookPath = null);

/// <summary>How <c>plan</c> tells an outcome: the plan and its files, or why there is none, with its exit code.</summary>
internal static class PlanOutput
{
    /// <summary>Prints the outcome and writes the plan files; returns the exit code.</summary>
    public static async Task<int> WriteAsync(CliContext context, ScenarioInput input, PlanningOutcome outcome, PlanOutputs outputs, CancellationToken cancellationToken)
    {
        if (outcome.Status == PlanningStatus.Partial)
        {
            await context.Error.WriteLineAsync($"Scenario '{input.Info.Name}' cannot be planned whole; planned with best effort, leaving out {outcome.Plan!.LeftOut.Length} titles that must release:").ConfigureAwait(false);
            foreach (var reason in outcome.Reasons)
            {
                await context.Error.WriteLineAsync($"- {reason}").ConfigureAwait(false);
            }
        }
        else if (outcome.Plan is not null)
        {
            foreach (var note in outcome.Reasons)
            {
                await context.Error.WriteLineAsync($"Note: {note}.").ConfigureAwait(false);
            }
        }

        switch (outcome.Status)
        {
            case PlanningStatus.Infeasible:
                await context.Error.WriteLineAsync($"Scenario '{input.Info.Name}' cannot be planned: no plan keeps every hard rule; no plan file was written.").ConfigureAwait(false);
                foreach (var reason in outcome.Reasons)
                {
                    await context.Error.WriteLineAsync($"- {reason}").ConfigureAwait(false);
                }

                return ExitCodes.Infeasible;
            case PlanningStatus.NoSolution when outcome.Plan is null:
                await context.Error.WriteLineAsync($"No plan found: {string.Join("; ", outcome.Reasons)}. No plan file was written; try a longer --time-limit.").ConfigureAwait(false);
                return ExitCodes.NoSolution;
        }

        var plan = outcome.Plan!;
        if (outcome.Verification is { IsValid: false } verification)
        {
            await context.Error.WriteLineAsync($"The plan failed verification ({verification.Violations.Length} violations); no plan file was written:").ConfigureAwait(false);
            foreach (var violation in verification.Violations)
            {
                await context.Error.WriteLineAsync($"- {violation}").ConfigureAwait(false);
            }

            return ExitCodes.InternalError;
        }

        var planJson = PlanJson.Write(plan);
        if (outputs.PlanPath is { } outPath)
        {
            await OutputFiles.WriteAsync(outPath, planJson, cancellationToken).ConfigureAwait(false);
        }

        if (outputs.CsvPath is { } csvPath)
        {
            await OutputFiles.WriteAsync(csvPath, PlanCsv.Write(plan), cancellationToken).ConfigureAwait(false);
        }

        if (outputs.WorkbookPath is { } workbookPath)
        {
            await OutputFiles.WriteAsync(workbookPath, PlanWorkbook.Write(input.Scenario, plan, input.Heading), cancellationToken).ConfigureAwait(false);
        }

        if (outputs.ReportPath is { } reportPath)
        {
            await OutputFiles.WriteAsync(reportPath, new CalendarReport(input.Scenario).Render(plan, input.Heading), cancellationToken).ConfigureAwait(false);
        }

        if (outputs.Json)
        {
            await context.Output.WriteAsync(planJson).ConfigureAwait(false);
        }
        else
        {
            PlanReport.Write(Terminal.For(context), plan, outcome.Statistics);
        }

        return ExitCodes.Ok;
    }
}
