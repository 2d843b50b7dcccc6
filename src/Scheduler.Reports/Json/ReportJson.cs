using System.Text.Json;

namespace Scheduler.Reports.Json;

/// <summary>The JSON settings of every machine-readable answer: the CLI's <c>--json</c> and the HTTP API give the same text.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
