using System.Text.Json;

namespace Scheduler.Reports;

/// <summary>
/// How the closed vocabularies (run states and triggers, publication and notification states) are
/// written for people and machines alike: the member's name in lower case, words joined by hyphens.
/// </summary>
public static class Words
{
    /// <summary>The naming of every vocabulary's words, in JSON and on screen.</summary>
    public static JsonNamingPolicy Policy => JsonNamingPolicy.KebabCaseLower;

    public static string Of<T>(T value)
        where T : struct, Enum
        => Policy.ConvertName(value.ToString());
}
