using Scheduler.Core.Domain;
using Scheduler.Core.Loading;
using Scheduler.Core.Plans;
using Scheduler.Core.Validation;

namespace Scheduler.Cli;

/// <summary>A scenario file resolved for a command: the document, the chosen scenario and how plans name it.</summary>
internal sealed record ScenarioInput(ScenarioDocument Document, Scenario Scenario, string? VariantId)
{
    public PlanScenario Info => new(Scenario.Name, Document.Sha256, VariantId);

    /// <summary>Loads and resolves the scenario, or prints every error and returns null (exit code 2 for the caller).</summary>
    public static async Task<ScenarioInput?> LoadAsync(CliContext context, string path, string? variantId, CancellationToken cancellationToken)
    {
        var loader = await ScenarioLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var document = loader.LoadFile(path);
            return new ScenarioInput(document, document.Resolve(variantId), variantId);
        }
        catch (ScenarioValidationException ex)
        {
            await context.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return null;
        }
    }
}
