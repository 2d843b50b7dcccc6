using System.Text;
using System.Text.Json;
using Json.Schema;
using Scheduler.Core.Tests.Support;
using Scheduler.Core.Validation;

namespace Scheduler.Core.Tests.Validation;

/// <summary>
/// Reads <c>scenarios.schema.json</c> with a second draft-07 validator (JsonSchema.Net, not the
/// NJsonSchema the loader runs) the way an editor does, formats included, and compares its verdict
/// on every example file with the loader's, taken as <c>scheduler validate</c> takes it.
/// </summary>
public class IndependentSchemaValidationTests
{
    // The invalid examples the schema accepts: the loader refuses them for what they mean, which
    // JSON Schema cannot say. One line each; any other disagreement fails the test by its file name.
    private static readonly Dictionary<string, string> RefusedForMeaningOnly = new(StringComparer.Ordinal)
    {
        ["decisions-name-unknowns.json"] = "titles, genres and regions named by groups and holdbacks, a holdback against the window, a group's empty selection",
        ["drops-cannot-fit.json"] = "drops measured against windows, licence ends and blackout dates",
        ["duplicate-ids.json"] = "ids unique across the elements of a list",
        ["empty-windows.json"] = "a title's window, readiness and release days leave no date",
        ["global-pins-differ.json"] = "a global title's pins and release days compared across regions",
        ["horizon-backwards.json"] = "the order of two dates",
        ["horizon-beyond-ten-years.json"] = "the distance between two dates",
        ["horizon-too-long.json"] = "the years Scheduler plans in (0001-01-01 is an RFC 3339 date)",
        ["lead-region-outside-title.json"] = "a reference to one of the title's own regions",
        ["pins-outside-calendar.json"] = "pins against the title's window, release days and blackouts",
        ["seasonality-overlaps.json"] = "overlapping ranges, and MM-DD days the calendar lacks (10-32)",
        ["sequel-cycle.json"] = "a cycle through the titles' after lists",
        ["unknown-references.json"] = "references to ids declared elsewhere in the file",
        ["unknown-time-zones.json"] = "IANA time zone ids, which no format names",
    };

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(RepositoryPaths.Root, "scenarios.schema.json")));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static string Invalid => Path.Combine(RepositoryPaths.Scenarios, "invalid");

    private static IEnumerable<string> BundledScenarios()
        => Directory.EnumerateFiles(RepositoryPaths.Scenarios, "*.json").Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(BundledScenarios))]
    public void BundledScenario_IsValidForTheIndependentValidatorAndTheLoader(string file)
    {
        var path = Path.Combine(RepositoryPaths.Scenarios, file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SchemaErrors(path), Is.Empty);
            Assert.That(LoaderErrors(path), Is.Empty);
        }
    }

    [Test]
    public void InvalidExamples_TheSchemaAcceptsOnlyThoseTheLoaderRefusesForTheirMeaning()
    {
        var disagreements = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Invalid, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var schemaErrors = SchemaErrors(path);
            var loaderErrors = LoaderErrors(path);
            if (schemaErrors.Count == 0 && loaderErrors.Count == 0)
            {
                disagreements.Add($"{file}: valid for both, but it stands among the invalid examples");
            }
            else if (schemaErrors.Count == 0 && !RefusedForMeaningOnly.ContainsKey(file))
            {
                disagreements.Add($"{file}: the schema accepts it, the loader says {string.Join("; ", loaderErrors)}");
            }
            else if (schemaErrors.Count > 0 && RefusedForMeaningOnly.ContainsKey(file))
            {
                disagreements.Add($"{file}: listed as refused for its meaning only, but the schema says {string.Join("; ", schemaErrors)}");
            }
            else if (loaderErrors.Count == 0)
            {
                disagreements.Add($"{file}: the loader accepts it, the schema says {string.Join("; ", schemaErrors)}");
            }
        }

        Assert.That(string.Join("\n", disagreements), Is.Empty);
    }

    [Test]
    public void RefusedForMeaningOnly_NamesOnlyInvalidExamples()
        => Assert.That(RefusedForMeaningOnly.Keys.Where(file => !File.Exists(Path.Combine(Invalid, file))), Is.Empty);

    /// <summary>The independent validator's errors, as "location: message"; a file that is not UTF-8 JSON has one, saying so.</summary>
    private static List<string> SchemaErrors(string path)
    {
        JsonDocument document;
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
            document = JsonDocument.Parse(text.TrimStart('\uFEFF'));
        }
        catch (Exception ex) when (ex is DecoderFallbackException or JsonException)
        {
            return [$"not UTF-8 JSON: {ex.Message}"];
        }

        using (document)
        {
            var results = Schema.Value.Evaluate(document.RootElement, Options);
            return results.IsValid
                ? []
                : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))];
        }
    }

    /// <summary>What <c>scheduler validate</c> reports: the loader's errors, the base scenario's or, when it is valid, every variant's.</summary>
    private static List<string> LoaderErrors(string path)
    {
        try
        {
            return [.. Scenarios.Loader.LoadFile(path).VariantErrors.Select(e => e.ToString())];
        }
        catch (ScenarioValidationException ex)
        {
            return [.. ex.Errors.Select(e => e.ToString())];
        }
    }
}
