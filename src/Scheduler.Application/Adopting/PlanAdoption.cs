using System.Collections.Immutable;
using Scheduler.Application.Runs;
using Scheduler.Application.Scenarios;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;
using Scheduler.Core.Values;
using Scheduler.Storage;

namespace Scheduler.Application.Adopting;

/// <summary>Why a run was not adopted; <see cref="Refusal.None"/> when it was.</summary>
public enum Refusal
{
    None,

    /// <summary>There is no such run.</summary>
    UnknownRun,

    /// <summary>The run has no verified plan (still running, infeasible, or failed verification when made).</summary>
    NoPlan,

    /// <summary>The plan breaks a rule of its stored scenario now, or the scenario no longer loads.</summary>
    Invalid,
}

/// <summary>The answer to an adoption: refused or not, and the sentences that say why.</summary>
public sealed record AdoptionResult(Refusal Refusal, ImmutableArray<string> Reasons)
{
    public bool Adopted => Refusal == Refusal.None;
}

/// <summary>
/// Makes a stored run the plan of record, for the CLI and the HTTP API alike: only a run with a
/// plan that the verifier passes again, against the scenario stored with it, at the moment of adoption.
/// </summary>
public static class PlanAdoption
{
    /// <summary>Adopts <paramref name="runId"/> in the name of <paramref name="actor"/> (<c>cli:USER</c>, <c>token:NAME</c>), who goes to the audit log.</summary>
    public static async Task<AdoptionResult> AdoptAsync(SchedulerDatabase database, long runId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var found = await StoredPlan.FindAsync(database, runId, cancellationToken).ConfigureAwait(false);
        if (found.Run is not { } run)
        {
            return new AdoptionResult(Refusal.UnknownRun, [$"There is no run {runId} in {database.Display}."]);
        }

        if (found.Plan is not { } plan)
        {
            return new AdoptionResult(Refusal.NoPlan, [$"Run {runId} has no verified plan (status {run.Status}{found.Why})."]);
        }

        PlanVerification verification;
        try
        {
            var input = await StoredScenarios.OfRunAsync(database, run, cancellationToken).ConfigureAwait(false);
            verification = new PlanVerifier(new ValueModel(input.Scenario)).Verify(plan);
        }
        catch (ScenarioValidationException ex)
        {
            return new AdoptionResult(Refusal.Invalid, [ex.Message]);
        }

        if (!verification.IsValid)
        {
            return new AdoptionResult(Refusal.Invalid, [$"Run {run.Id} was not adopted: its plan breaks {verification.Violations.Length} rules:", .. verification.Sentences]);
        }

        await database.PlanOfRecord.AdoptAsync(run.Id, actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new AdoptionResult(Refusal.None, [$"Run {run.Id} is now the plan of record."]);
    }

    /// <summary>
    /// Adopts a run that this process has just planned and verified (<c>plan --adopt</c>): the
    /// verifier has had its say, against the same scenario, a moment ago.
    /// </summary>
    public static Task AdoptJustVerifiedAsync(SchedulerDatabase database, long runId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.PlanOfRecord.AdoptAsync(runId, actor, cancellationToken: cancellationToken);
    }
}
