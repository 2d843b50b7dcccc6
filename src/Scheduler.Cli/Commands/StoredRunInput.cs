using System.CommandLine;
using Scheduler.Application.Runs;
using Scheduler.Core.Plans;
using Scheduler.Storage;

namespace Scheduler.Cli.Commands;

/// <summary>The RUN argument and finding that run, with a clear error for one that is unknown or has no plan.</summary>
internal static class StoredRunInput
{
    public static Argument<long> Argument() => new("RUN") { Description = "The run id (see 'scheduler runs')." };

    /// <summary>The run and its plan, or null after printing why there is none (exit code 2 for the caller).</summary>
    public static async Task<(StoredRun Run, Plan Plan)?> FindPlanAsync(CliContext context, SchedulerDatabase store, long id, CancellationToken cancellationToken = default)
    {
        var found = await StoredPlan.FindAsync(store, id, cancellationToken).ConfigureAwait(false);
        switch (found)
        {
            case { Run: null }:
                await context.Error.WriteLineAsync($"There is no run {id} in {store.Display}.").ConfigureAwait(false);
                return null;
            case { Plan: null }:
                await context.Error.WriteLineAsync($"Run {id} has no verified plan (status {found.Run.Status}{found.Why}).").ConfigureAwait(false);
                return null;
            default:
                return (found.Run, found.Plan);
        }
    }
}
