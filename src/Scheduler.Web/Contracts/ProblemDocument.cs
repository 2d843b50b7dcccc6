using Scheduler.Reports.Json;

namespace Scheduler.Web.Contracts;

/// <summary>
/// Every error the API gives (<c>application/problem+json</c>, RFC 9457): a title, the status, a
/// sentence, and the input's errors (the first 200 of <c>errorCount</c>),
/// empty when the input is not at fault. A server fault also carries the <c>correlationId</c> its log line has.
/// </summary>
public sealed record ProblemDocument(string Title, int Status, string Detail, IReadOnlyList<FieldErrorJson> Errors, int ErrorCount)
{
    /// <summary>The id of the server's log line about an internal error; absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? CorrelationId { get; init; }
}

/// <summary>How much of an error list an answer carries.</summary>
public static class ProblemLimits
{
    /// <summary>The errors an answer lists; a scenario with 50,000 errors is told in its first 200 and their count.</summary>
    public const int MaxErrors = 200;
}
