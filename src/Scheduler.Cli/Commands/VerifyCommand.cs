using System.CommandLine;
using NodaTime;
using Scheduler.Application.Scenarios;
using Scheduler.Application.Workbooks;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;
using Scheduler.Workbooks.Plans;
using Scheduler.Workbooks.Slates;
using Scheduler.Workbooks.Xlsx;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler verify SCENARIO PLAN [--variant ID]</c>: runs the plan verifier on any plan file, such as one edited by hand.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var scenarioFile = new Argument<string>("SCENARIO") { Description = "The scenario file the plan was made for." };
        var planFile = new Argument<string>("PLAN") { Description = "The plan file (plan.json), or a plan workbook (plan.xlsx) whose dates a planner edited." };
        var variant = new Option<string?>("--variant") { Description = "The variant the plan was made for." };
        var command = new Command("verify", "Check a plan file against its scenario: every hard rule, the publish instants and the numbers.")
        {
            scenarioFile, planFile, variant,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = await CliScenarios.LoadAsync(context, parse.GetValue(scenarioFile)!, parse.GetValue(variant), cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                return ExitCodes.InvalidInput;
            }

            var path = parse.GetValue(planFile)!;
            Plan plan;
            try
            {
                var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                if (SlateWorkbooks.IsWorkbook(content))
                {
                    return await VerifyWorkbookAsync(context, input, path, EditedPlanReader.Read(content)).ConfigureAwait(false);
                }

                plan = PlanJson.Read(System.Text.Encoding.UTF8.GetString(content));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or XlsxFormatException)
            {
                await context.Error.WriteLineAsync($"Plan '{path}' cannot be read: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            var verification = new PlanVerifier(new ValueModel(input.Scenario)).Verify(plan);
            if (verification.IsValid)
            {
                await context.Output.WriteLineAsync($"{path}: valid plan for '{input.Scenario.Name}': {plan.Kpis.Releases} releases, objective {plan.Kpis.Objective:0.###}.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Error.WriteLineAsync($"Plan '{path}' breaks {verification.Violations.Length} rules:").ConfigureAwait(false);
            foreach (var violation in verification.Violations)
            {
                await context.Error.WriteLineAsync(violation.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>The Releases sheet's dates rebuilt into a plan and verified; each violation names the cells of its releases.</summary>
    private static async Task<int> VerifyWorkbookAsync(CliContext context, ScenarioInput input, string path, EditedPlan edited)
    {
        var check = EditedPlans.Check(input, edited, Instant.FromDateTimeOffset(context.Time.GetUtcNow()));
        if (!check.Errors.IsEmpty)
        {
            await context.Error.WriteLineAsync($"Plan workbook '{path}' has {check.Errors.Length} error{(check.Errors.Length == 1 ? "" : "s")}:").ConfigureAwait(false);
            foreach (var error in check.Errors)
            {
                await context.Error.WriteLineAsync(error).ConfigureAwait(false);
            }

            return ExitCodes.InvalidInput;
        }

        var plan = check.Plan!;
        var edits = edited.Releases.Count(r => r.IsEdited);
        if (check.Verification!.IsValid)
        {
            await context.Output.WriteLineAsync(
                $"{path}: valid plan for '{input.Scenario.Name}': {plan.Kpis.Releases} releases ({edits} edited), objective {plan.Kpis.Objective:0.###}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await context.Error.WriteLineAsync($"Plan workbook '{path}' breaks {check.Verification.Violations.Length} rules:").ConfigureAwait(false);
        foreach (var violation in check.Verification.Violations)
        {
            var places = check.Places.GetValueOrDefault(violation, []);
            var where = places.IsEmpty ? "" : $"{string.Join("; ", places.Take(3))}{(places.Length > 3 ? $" and {places.Length - 3} more" : "")}: ";
            await context.Error.WriteLineAsync(where + violation).ConfigureAwait(false);
        }

        return ExitCodes.InvalidInput;
    }
}
