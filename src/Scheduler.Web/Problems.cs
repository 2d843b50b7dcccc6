using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scheduler.Core.Validation;
using Scheduler.Reports.Json;

namespace Scheduler.Web;

/// <summary>
/// Every error the API gives, as <c>application/problem+json</c> (RFC 9457): a title, a sentence,
/// and, for input that is wrong, <c>errors</c> as <c>[{"path", "message"}]</c>, the list
/// <c>validate --json</c> prints.
/// </summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Of(int status, string title, string detail, IEnumerable<object>? errors = null)
        => Results.Json(Body(status, title, detail, errors), ReportJson.Options, ContentType, status);

    /// <summary>422: the input was read, and it is wrong in the places listed.</summary>
    public static IResult Invalid(string detail, IEnumerable<ScenarioError> errors)
        => Of(StatusCodes.Status422UnprocessableEntity, "The request is invalid", detail, ErrorJson.Of(errors));

    /// <summary>422 for one field of the request body.</summary>
    public static IResult Invalid(string path, string message)
        => Invalid($"{path}: {message}", [new ScenarioError(path, message)]);

    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, "Conflict", detail);

    /// <summary>Writes a problem outside an endpoint (authentication, body limits).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, Body(status, title, detail, null), ReportJson.Options, context.RequestAborted).ConfigureAwait(false);
    }

    private static Dictionary<string, object?> Body(int status, string title, string detail, IEnumerable<object>? errors) => new()
    {
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["errors"] = errors?.ToList() ?? [],
    };
}
