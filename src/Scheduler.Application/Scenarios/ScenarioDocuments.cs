using Scheduler.Core.Loading;
using Scheduler.Workbooks.Slates;

namespace Scheduler.Application.Scenarios;

/// <summary>
/// Scenario documents a user gives: a file named on the command line, or the body of a request,
/// each a JSON scenario or a slate workbook (.xlsx, docs/workbooks.md). A workbook becomes the JSON
/// document it stands for, which is what is stored; its errors name their cells.
/// </summary>
public static class ScenarioDocuments
{
    /// <summary>The file's document, every variant checked.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The file cannot be read, or is not a valid scenario.</exception>
    public static async Task<ScenarioDocument> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        var content = ScenarioLoader.ReadFile(path);
        return SlateWorkbooks.IsWorkbook(content) ? SlateWorkbooks.Load(loader, content, path) : loader.Load(content, path);
    }

    /// <summary>The file's scenario, or its variant <paramref name="variantId"/>.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">The file is not a valid scenario, or the variant is unknown or invalid.</exception>
    public static async Task<ScenarioInput> LoadFileAsync(string path, string? variantId, CancellationToken cancellationToken = default)
        => ScenarioInput.Of(await LoadFileAsync(path, cancellationToken).ConfigureAwait(false), variantId);

    /// <summary>The document in <paramref name="content"/> (JSON, or a workbook's bytes), which errors name <paramref name="source"/>.</summary>
    /// <exception cref="Core.Validation.ScenarioValidationException">It is not a valid scenario.</exception>
    public static async Task<ScenarioDocument> LoadAsync(ReadOnlyMemory<byte> content, string source, CancellationToken cancellationToken = default)
    {
        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        return SlateWorkbooks.IsWorkbook(content.Span) ? SlateWorkbooks.Load(loader, content, source) : loader.Load(content, source);
    }
}
