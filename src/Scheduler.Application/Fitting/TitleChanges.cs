using System.Text.Json.Nodes;
using Scheduler.Core.Domain;
using Scheduler.Core.Validation;

namespace Scheduler.Application.Fitting;

/// <summary>
/// A new title, or a planned one with the fields that change, as a fit and a re-plan take it: merged
/// into a scenario as a variant's changes are, its errors named under <c>$.title</c>.
/// </summary>
internal static class TitleChanges
{
    /// <summary>How the errors of the title are named: paths under this one.</summary>
    public const string TitlePath = "$.title";

    /// <summary>Where the merge's own errors are named before they are renamed.</summary>
    public const string ChangesPath = "$.fit";

    /// <summary>The title as a variant's changes.</summary>
    public static JsonObject Changes(JsonObject title) => new() { ["titles"] = new JsonArray(title.DeepClone()) };

    /// <summary>The title's id, or the error that says it is missing.</summary>
    public static (string? Id, ScenarioError? Error) Id(JsonObject title)
        => title["id"] is JsonValue id && id.TryGetValue<string>(out var text) && text.Length > 0
            ? (text, null)
            : (null, new ScenarioError($"{TitlePath}.id", "required: the title's id, new or of a planned title"));

    /// <summary>An id the scenario does not have, given without the fields a new title needs: a mistyped id, said so.</summary>
    public static ScenarioError? Unknown(Scenario scenario, string titleId, JsonObject title, string whose)
        => scenario.TitlesById.ContainsKey(titleId) || title.ContainsKey("name")
            ? null
            : new ScenarioError($"{TitlePath}.id", $"{whose} has no title '{titleId}'; a new title also needs its name, genres and demand");

    /// <summary>The errors of the merged scenario, at the title's paths when they are about it (the title lands at its own place, or last when new).</summary>
    public static IReadOnlyList<ScenarioError> Renamed(IEnumerable<ScenarioError> errors, Scenario before, string titleId)
    {
        var index = before.Titles.Select(t => t.Id).ToList().IndexOf(titleId) is var at and >= 0 ? at : before.Titles.Length;
        return [.. errors.Select(e => Renamed(e, index))];
    }

    private static ScenarioError Renamed(ScenarioError error, int index)
    {
        foreach (var prefix in new[] { $"$.titles[{index}]", $"{ChangesPath}.titles[0]" })
        {
            var text = error.Path.Text;
            if (error.Path.Place == ErrorPlace.Json && (text == prefix || text.StartsWith(prefix + ".", StringComparison.Ordinal) || text.StartsWith(prefix + "[", StringComparison.Ordinal)))
            {
                return new ScenarioError(TitlePath + text[prefix.Length..], error.Message);
            }
        }

        return error;
    }
}
