using Scheduler.Application.Scenarios;
using Scheduler.Core.Validation;

namespace Scheduler.Cli;

/// <summary>Scenario files named on the command line, and how their errors are printed.</summary>
internal static class CliScenarios
{
    /// <summary>How the command line names the place a user chose a variant, in the loader's errors.</summary>
    public const string RequestedVariant = "--variant";

    /// <summary>Loads and resolves the scenario, or prints every error and returns null (exit code 2 for the caller).</summary>
    public static async Task<ScenarioInput?> LoadAsync(CliContext context, string path, string? variantId, CancellationToken cancellationToken)
    {
        try
        {
            return await ScenarioDocuments.LoadFileAsync(path, variantId, cancellationToken).ConfigureAwait(false);
        }
        catch (ScenarioValidationException ex)
        {
            await context.Error.WriteLineAsync(Describe(ex)).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The header and every error, one per line, as the command line shows them.</summary>
    public static string Describe(ScenarioValidationException invalid) => invalid.Describe(RequestedVariant);

    /// <summary>One error as the command line shows it.</summary>
    public static string Describe(ScenarioError error) => error.Render(RequestedVariant);
}
