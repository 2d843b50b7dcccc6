using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scheduler.Core.Validation;
using Scheduler.Reports.Json;
using Scheduler.Web.Contracts;

namespace Scheduler.Web;

/// <summary>A wrong part of a request: where (a JSON path of the body, <c>?name</c> for a query parameter, or a place in a stored scenario) and a sentence.</summary>
internal sealed record FieldError(string Path, string Message)
{
    /// <summary>How the API names the variant a request asked for, in errors the loader reports against it.</summary>
    public const string RequestedVariant = "$.variant";

    public override string ToString() => $"{Path}: {Message}";

    /// <summary>Scenario errors as the API reports them, a variant asked for in <paramref name="requestedVariant"/>.</summary>
    public static IEnumerable<FieldError> Of(IEnumerable<ScenarioError> errors, string requestedVariant = RequestedVariant)
        => errors.Select(e => new FieldError(e.Path.Render(requestedVariant), e.Message));
}

/// <summary>
/// Every error the API gives, as <c>application/problem+json</c> (RFC 9457, <see cref="ProblemDocument"/>):
/// a title, a sentence, and, for input that is wrong, <c>errors</c> as <c>[{"path", "message"}]</c>,
/// the list <c>validate --json</c> prints, cut to its first <see cref="ProblemLimits.MaxErrors"/>.
/// </summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Of(int status, string title, string detail, IEnumerable<FieldError>? errors = null)
        => Results.Json(Body(status, title, detail, errors), ReportJson.Options, ContentType, status);

    /// <summary>422: the input was read, and it is wrong in the places listed.</summary>
    public static IResult Invalid(string detail, IEnumerable<FieldError> errors)
        => Of(StatusCodes.Status422UnprocessableEntity, "The request is invalid", detail, errors);

    /// <summary>422 for one field of the request.</summary>
    public static IResult Invalid(string path, string message)
        => Invalid($"{path}: {message}", [new FieldError(path, message)]);

    /// <summary>422 for a scenario that does not load: the header of its errors as the sentence, then each error.</summary>
    public static IResult Invalid(ScenarioValidationException invalid)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        return Invalid(invalid.Describe(FieldError.RequestedVariant).Split('\n')[0], FieldError.Of(invalid.Errors));
    }

    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, "Conflict", detail);

    /// <summary>Writes a problem outside an endpoint (authentication, body limits, faults).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, IEnumerable<FieldError>? errors = null, string? correlationId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(
            context.Response.Body, Body(status, title, detail, errors) with { CorrelationId = correlationId }, ReportJson.Options, context.RequestAborted).ConfigureAwait(false);
    }

    private static ProblemDocument Body(int status, string title, string detail, IEnumerable<FieldError>? errors)
    {
        var all = errors?.ToList() ?? [];
        return new ProblemDocument(title, status, detail, [.. all.Take(ProblemLimits.MaxErrors).Select(e => new FieldErrorJson(e.Path, e.Message))], all.Count);
    }
}
