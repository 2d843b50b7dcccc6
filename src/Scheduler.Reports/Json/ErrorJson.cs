using Scheduler.Core.Validation;

namespace Scheduler.Reports.Json;

/// <summary>A scenario's errors as <c>[{"path", "message"}]</c>, the shape of <c>validate --json</c> and of the API's problem details.</summary>
public static class ErrorJson
{
    /// <param name="errors">The errors.</param>
    /// <param name="requestedVariant">How the front end names the place its user chose a variant (<c>--variant</c>, <c>$.variant</c>).</param>
    public static IEnumerable<object> Of(IEnumerable<ScenarioError> errors, string requestedVariant)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Select(e => new { path = e.Path.Render(requestedVariant), message = e.Message });
    }
}
