using System.Text.Json;
using Scheduler.Reports.Json;

namespace Scheduler.Cli;

/// <summary>JSON output settings shared by every command's <c>--json</c>: the same as the HTTP API's.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options => ReportJson.Options;
}
