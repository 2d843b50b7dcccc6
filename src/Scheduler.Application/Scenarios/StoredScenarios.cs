using Scheduler.Core.Loading;
using Scheduler.Storage;

namespace Scheduler.Application.Scenarios;

/// <summary>
/// Stored scenario versions turned back into scenarios: the one place the stored bytes go through
/// the loader again (so a version stored under older rules is checked by today's).
/// </summary>
public static class StoredScenarios
{
    /// <summary>The stored document <paramref name="scenarioId"/> (it must exist), loaded again; errors name it <paramref name="source"/>, by default <c>stored scenario N</c>.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The stored scenario no longer loads.</exception>
    public static async Task<ScenarioDocument> DocumentAsync(SchedulerDatabase database, long scenarioId, string? source = null, CancellationToken cancellationToken = default)
        => await DocumentAsync(database, await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false), scenarioId, source, cancellationToken).ConfigureAwait(false);

    /// <summary>The stored document <paramref name="scenarioId"/>, loaded again by <paramref name="loader"/> (a caller that loads more with it).</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The stored scenario no longer loads.</exception>
    public static async Task<ScenarioDocument> DocumentAsync(SchedulerDatabase database, ScenarioLoader loader, long scenarioId, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(loader);
        var content = await database.Scenarios.ContentAsync(scenarioId, cancellationToken).ConfigureAwait(false);
        return loader.Load(content, source ?? $"stored scenario {scenarioId}");
    }

    /// <summary>The stored scenario <paramref name="scenarioId"/> (it must exist), or its variant <paramref name="variantId"/>.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The stored scenario no longer loads, or the variant is unknown or invalid.</exception>
    public static async Task<ScenarioInput> LoadAsync(SchedulerDatabase database, long scenarioId, string? variantId, string? source = null, CancellationToken cancellationToken = default)
        => ScenarioInput.Of(await DocumentAsync(database, scenarioId, source, cancellationToken).ConfigureAwait(false), variantId);

    /// <summary>The scenario (or variant) a stored run planned.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The stored scenario no longer loads (a newer rule refuses it).</exception>
    public static Task<ScenarioInput> OfRunAsync(SchedulerDatabase database, StoredRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return LoadAsync(database, run.ScenarioId, run.Variant, $"stored scenario of run {run.Id}", cancellationToken);
    }

    /// <summary>
    /// What can be read of the stored scenario <paramref name="scenarioId"/> without validating it
    /// (its name, variants and regions' zones): a version stored under older rules still shows them.
    /// </summary>
    public static async Task<ScenarioOutline> OutlineAsync(SchedulerDatabase database, long scenarioId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return ScenarioOutline.Read(await database.Scenarios.ContentAsync(scenarioId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stores a scenario version (once per content); returns its id.</summary>
    public static Task<long> StoreAsync(SchedulerDatabase database, ScenarioDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(document);
        return database.Scenarios.StoreAsync(document.Content, document.Scenario.Name, document.Sha256, cancellationToken);
    }

    /// <summary>
    /// Submits a new version on behalf of <paramref name="actor"/> (for the next replan, or saved
    /// from the page's editor): stored only when every variant is valid too, as <c>validate</c>
    /// would say, and audited with who saved it.
    /// </summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">A variant is invalid; nothing was stored.</exception>
    public static Task<long> SubmitAsync(SchedulerDatabase database, ScenarioDocument document, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(document);
        var errors = document.VariantErrors.ToList();
        if (errors.Count > 0)
        {
            throw new Core.Validation.ScenarioValidationException(document.Source, errors);
        }

        return database.Scenarios.SaveAsync(document.Content, document.Scenario.Name, document.Sha256, actor, cancellationToken);
    }
}
