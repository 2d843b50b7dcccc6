namespace Scheduler.Core.Validation;

/// <summary>One problem in a scenario: where it is (a JSON path, a file, or a line and column) and a plain sentence.</summary>
public sealed record ScenarioError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";

    /// <summary>The same error as seen inside a variant, so that the planner knows which variant to fix.</summary>
    public ScenarioError InVariant(string variantId) => this with { Path = $"variant '{variantId}': {Path}" };
}
