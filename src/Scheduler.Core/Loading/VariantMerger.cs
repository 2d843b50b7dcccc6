using System.Text.Json.Nodes;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Loading;

/// <summary>
/// Applies a variant's <c>changes</c> to the scenario document: objects merge field by field;
/// arrays of objects that carry <c>id</c> merge element by element (an unknown id adds the element,
/// <c>"remove": true</c> deletes it); any other array or value replaces; <c>null</c> removes a
/// field, so that its default applies again.
/// </summary>
internal static class VariantMerger
{
    private const string RemoveKey = "remove";
    private const string VariantsKey = "variants";

    /// <summary>A new document: the scenario without its variants, with the changes applied.</summary>
    public static JsonObject Apply(JsonObject scenario, JsonObject changes, string changesPath, List<ScenarioError> errors)
    {
        var result = scenario.DeepClone().AsObject();
        result.Remove(VariantsKey);
        if (changes.ContainsKey(VariantsKey))
        {
            // The merged scenario's variants would never be read; the schema leaves them out of changes too.
            errors.Add(new ScenarioError(JsonPath.Property(changesPath, VariantsKey), Messages.VariantChangesVariants));
            return result;
        }

        MergeObject(result, changes, changesPath, errors);
        return result;
    }

    private static void MergeObject(JsonObject target, JsonObject patch, string path, List<ScenarioError> errors)
    {
        foreach (var (key, value) in patch)
        {
            var keyPath = JsonPath.Property(path, key);
            switch (value, target[key])
            {
                case (null, _):
                    target.Remove(key);
                    break;
                case (JsonObject patchObject, JsonObject targetObject):
                    MergeObject(targetObject, patchObject, keyPath, errors);
                    break;
                case (JsonArray patchArray, JsonArray targetArray) when IsIdArray(targetArray) && (targetArray.Count > 0 || CarriesIds(patchArray)):
                    MergeById(targetArray, patchArray, keyPath, errors);
                    break;
                case (JsonArray patchArray, null) when CarriesIds(patchArray):
                    var created = new JsonArray();
                    target[key] = created;
                    MergeById(created, patchArray, keyPath, errors);
                    break;
                default:
                    target[key] = value.DeepClone();
                    break;
            }
        }
    }

    private static void MergeById(JsonArray target, JsonArray patch, string path, List<ScenarioError> errors)
    {
        for (var i = 0; i < patch.Count; i++)
        {
            var elementPath = JsonPath.Index(path, i);
            if (patch[i] is not JsonObject element || IdOf(element) is not { } id)
            {
                errors.Add(new ScenarioError(elementPath, Messages.VariantElementWithoutId));
                continue;
            }

            var existing = target.OfType<JsonObject>().FirstOrDefault(e => IdOf(e) == id);
            if (element[RemoveKey] is JsonValue remove && remove.TryGetValue<bool>(out var removing) && removing)
            {
                if (existing is null)
                {
                    errors.Add(new ScenarioError(elementPath, Messages.VariantRemovesUnknown(id)));
                }
                else
                {
                    target.Remove(existing);
                }

                continue;
            }

            var changes = element.DeepClone().AsObject();
            changes.Remove(RemoveKey);
            if (existing is null)
            {
                target.Add(changes);
            }
            else
            {
                MergeObject(existing, changes, elementPath, errors);
            }
        }
    }

    /// <summary>True for an array whose elements are all objects carrying an id (an empty array too).</summary>
    private static bool IsIdArray(JsonArray array) => array.All(e => e is JsonObject o && IdOf(o) is not null);

    private static bool CarriesIds(JsonArray patch) => patch.Count > 0 && IsIdArray(patch);

    private static string? IdOf(JsonObject element)
        => element["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
}
