using System.CommandLine;
using Scheduler.Core.Plans;
using Scheduler.Core.Values;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler verify SCENARIO PLAN [--variant ID]</c>: runs the plan verifier on any plan file, such as one edited by hand.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var scenarioFile = new Argument<string>("SCENARIO") { Description = "The scenario file the plan was made for." };
        var planFile = new Argument<string>("PLAN") { Description = "The plan file (plan.json)." };
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
                plan = PlanJson.Read(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
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
}
