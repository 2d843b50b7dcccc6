using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Reports.Json;

/// <summary>
/// The JSON settings of every machine-readable answer: the CLI's <c>--json</c> and the HTTP API give
/// the same text. States, triggers and other closed vocabularies are written as their words
/// (<see cref="Words"/>): <c>queued</c>, <c>no-solution</c>.
/// </summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(Words.Policy) },
    };
}
