using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Scheduler.Web.Tests.Support;

/// <summary>
/// <c>/openapi/v1.json</c> as a client reads it: the operation a request reaches, the answers it
/// declares, and a JSON Schema check of an answer's body against the declared schema, made strict
/// (a field the document does not declare is an error, as a generated client would drop it).
/// </summary>
internal sealed class ServedDocument
{
    private const string ComponentsPrefix = "#/components/schemas/";

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private readonly JsonObject _definitions;

    private ServedDocument(JsonObject document, string text)
    {
        Root = document;
        Text = text;
        _definitions = (JsonObject)Strict(Rewritten(document["components"]?["schemas"]?.DeepClone() ?? new JsonObject()));
    }

    public JsonObject Root { get; }

    /// <summary>The document as served.</summary>
    public string Text { get; }

    /// <summary>Every operation: its method (upper case) and path template.</summary>
    public IEnumerable<(string Method, string Path)> Operations
        => Root["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Where(o => o.Value is JsonObject && o.Key != "parameters").Select(o => (o.Key.ToUpperInvariant(), p.Key)));

    public static async Task<ServedDocument> ReadAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await response.Content.ReadAsStringAsync();
        return new ServedDocument(JsonNode.Parse(text)!.AsObject(), text);
    }

    /// <summary>The path template that <paramref name="path"/> (without its query) matches, or null.</summary>
    public string? Template(string method, string path)
    {
        var segments = path.Split('?')[0].Split('/');
        return Operations.Where(o => o.Method == method).Select(o => o.Path).FirstOrDefault(template =>
        {
            var parts = template.Split('/');
            return parts.Length == segments.Length && parts.Zip(segments).All(p => p.First.StartsWith('{') || p.First == p.Second);
        });
    }

    /// <summary>The answer the operation declares for a status, or null when it declares none.</summary>
    public JsonObject? Response(string method, string template, int status)
        => Root["paths"]?[template]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] as JsonObject;

    /// <summary>Where <paramref name="body"/> breaks <paramref name="schema"/>: "location: keyword message" each; empty when it keeps it.</summary>
    public IReadOnlyList<string> Check(JsonNode schema, string body)
    {
        ArgumentNullException.ThrowIfNull(schema);
        // Every schema of an OpenAPI 3.1 document is an object.
        var whole = Strict(Rewritten(schema.DeepClone())).AsObject();
        whole["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        whole["$defs"] = _definitions.DeepClone();
        var results = JsonSchema.FromText(whole.ToJsonString()).Evaluate(JsonDocument.Parse(body).RootElement, Evaluation);
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))];
    }

    // The document's references point into its components; the schema checked carries them as $defs.
    private static JsonNode Rewritten(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } target && target.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
                    {
                        obj[key] = "#/$defs/" + target[ComponentsPrefix.Length..];
                    }
                    else if (value is not null)
                    {
                        Rewritten(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.Where(i => i is not null))
                {
                    Rewritten(item!);
                }

                break;
        }

        return node;
    }

    // Every object with declared properties allows no others, unless the document says otherwise.
    private static JsonNode Strict(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.ContainsKey("properties") && !obj.ContainsKey("additionalProperties"))
                {
                    obj["additionalProperties"] = false;
                }

                foreach (var value in obj.Select(p => p.Value).Where(v => v is not null).ToList())
                {
                    Strict(value!);
                }

                break;
            case JsonArray array:
                foreach (var item in array.Where(i => i is not null))
                {
                    Strict(item!);
                }

                break;
        }

        return node;
    }
}
