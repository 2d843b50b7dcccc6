using Scheduler.Core.Loading;

namespace Scheduler.Application.Scenarios;

/// <summary>Scenario files a planner names on the command line.</summary>
public static class ScenarioFiles
{
    /// <summary>The file's document, every variant checked.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The file cannot be read, or is not a valid scenario.</exception>
    public static async Task<ScenarioDocument> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        return loader.LoadFile(path);
    }

    /// <summary>The file's scenario, or its variant <paramref name="variantId"/>.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The file is not a valid scenario, or the variant is unknown or invalid.</exception>
    public static async Task<ScenarioInput> LoadAsync(string path, string? variantId, CancellationToken cancellationToken = default)
        => ScenarioInput.Of(await LoadAsync(path, cancellationToken).ConfigureAwait(false), variantId);
}
