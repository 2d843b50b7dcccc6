using Scheduler.Core.Validation;

namespace Scheduler.Reports.Json;

/// <summary>One thing wrong with an input: where (a JSON path, <c>?name</c> for a query parameter, a workbook cell) and a sentence; empty path for the whole input.</summary>
public sealed record FieldErrorJson(string Path, string Message);

/// <summary>A scenario's errors as <c>[{"path", "message"}]</c>, the shape of <c>validate --json</c> and of the API's problem details.</summary>
public static class ErrorJson
{
    /// <param name="errors">The errors.</param>
    /// <param name="requestedVariant">How the front end names the place its user chose a variant (<c>--variant</c>, <c>$.variant</c>).</param>
    public static IEnumerable<FieldErrorJson> Of(IEnumerable<ScenarioError> errors, string requestedVariant)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Select(e => new FieldErrorJson(e.Path.Render(requestedVariant), e.Message));
    }
}
