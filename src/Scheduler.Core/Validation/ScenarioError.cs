namespace Scheduler.Core.Validation;

/// <summary>One problem in a scenario: where it is (<see cref="ErrorPath"/>) and a plain sentence.</summary>
public sealed record ScenarioError(ErrorPath Path, string Message)
{
    /// <summary>An error at a JSON path of the scenario document.</summary>
    public ScenarioError(string jsonPath, string message)
        : this(ErrorPath.Json(jsonPath), message)
    {
    }

    /// <summary>For a required field that is missing, its name (the path is of the object that lacks it).</summary>
    public string? MissingField { get; init; }

    public override string ToString() => $"{Path}: {Message}";

    /// <summary>The error as a front end shows it, naming the variant its user asked for as <paramref name="requestedVariant"/>.</summary>
    public string Render(string requestedVariant) => $"{Path.Render(requestedVariant)}: {Message}";

    /// <summary>The same error as seen inside a variant, so that the planner knows which variant to fix.</summary>
    public ScenarioError InVariant(string variantId) => this with { Path = Path.InVariant(variantId) };
}
