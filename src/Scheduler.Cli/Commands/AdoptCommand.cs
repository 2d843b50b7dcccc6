using System.CommandLine;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Core.Values;

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
            if (store is null || await StoredRunInput.FindPlanAsync(context, store, parse.GetValue(runId), cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return ExitCodes.InvalidInput;
            }

            var (run, plan) = found;
            var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
            PlanVerification verification;
            try
            {
                var content = await store.Scenarios.ContentAsync(run.ScenarioId, cancellationToken).ConfigureAwait(false);
                var scenario = loader.Load(content, $"stored scenario of run {run.Id}").Resolve(run.Variant);
                verification = new PlanVerifier(new ValueModel(scenario)).Verify(plan);
            }
            catch (ScenarioValidationException ex)
            {
                await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            if (!verification.IsValid)
            {
                await context.Error.WriteLineAsync($"Run {run.Id} was not adopted: its plan breaks {verification.Violations.Length} rules:").ConfigureAwait(false);
                foreach (var violation in verification.Violations)
                {
                    await context.Error.WriteLineAsync(violation).ConfigureAwait(false);
                }

                return ExitCodes.InvalidInput;
            }

            await store.PlanOfRecord.AdoptAsync(run.Id, Database.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Run {run.Id} is now the plan of record.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
