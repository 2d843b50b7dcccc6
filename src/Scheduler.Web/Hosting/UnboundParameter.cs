using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Web.Hosting;

/// <summary>
/// A query or route value the endpoint could not read (<c>?limit=abc</c>), told as the parameter
/// and what it should be, without the framework's type names.
/// </summary>
internal static partial class UnboundParameter
{
    public static FieldError? Of(BadHttpRequestException exception, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        var match = FailedToBind().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }

        // Optional values are named Nullable<long> or long?: what is expected is the same.
        var type = match.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?');
        var expected = type switch
        {
            "int" or "Int32" => "a whole number no larger than 2147483647",
            "long" or "Int64" => "a whole number no larger than 9223372036854775807",
            "double" or "Double" => "a number",
            "bool" or "Boolean" => "true or false",
            _ => "a value of another form",
        };
        var name = match.Groups["name"].Value;

        // A route value is named as the route writes it ({id}), a query value as the query does (?limit).
        var path = context.Request.RouteValues.ContainsKey(name) ? $"{{{name}}}" : $"?{name}";
        return new FieldError(path, $"must be {expected} (got '{match.Groups["value"].Value}')");
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>\w+)" from "(?<value>.*)"\.$""")]
    private static partial Regex FailedToBind();
}
