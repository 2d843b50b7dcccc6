using Scheduler.Core.Domain;
using Scheduler.Core.Loading;
using Scheduler.Core.Validation;
using Scheduler.Storage;

namespace Scheduler.Web.Endpoints;

/// <summary>The scenario a stored run was made for, loaded again from the bytes stored with it.</summary>
internal static class StoredScenarios
{
    /// <exception cref="ScenarioValidationException">The stored scenario no longer loads (a newer rule refuses it).</exception>
    public static async Task<Scenario> OfRunAsync(SchedulerDatabase database, StoredRun run, CancellationToken cancellationToken = default)
    {
        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        var content = await database.Scenarios.ContentAsync(run.ScenarioId, cancellationToken).ConfigureAwait(false);
        return loader.Load(content, $"stored scenario of run {run.Id}").Resolve(run.Variant);
    }
}
