using Scheduler.Core.Validation;

namespace Scheduler.Reports.Json;

/// <summary>A scenario's errors as <c>[{"path", "message"}]</c>, the shape of <c>validate --json</c> and of the API's problem details.</summary>
public static class ErrorJson
{
    public static IEnumerable<object> Of(IEnumerable<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Select(e => new { path = e.Path, message = e.Message });
    }
}
