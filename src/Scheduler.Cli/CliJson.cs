using System.Text.Json;

namespace Scheduler.Cli;

/// <summary>JSON output settings shared by every command's <c>--json</c>.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
