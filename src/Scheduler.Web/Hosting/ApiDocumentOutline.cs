using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Scheduler.Web.Hosting;

/// <summary>
/// The parts of <c>/openapi/v1.json</c> no endpoint says itself: the API's name, its tags, no
/// <c>servers</c> (the generator would echo the request's Host header, which a client must not
/// trust), <c>/healthz</c> and <c>/metrics</c> as open to all, and <c>/metrics</c> itself, which
/// the exporter serves outside the endpoints the document is made from.
/// </summary>
internal static class ApiDocumentOutline
{
    public const string MetricsPath = "/metrics";

    /// <summary>The tags, in the document's order, with what each groups.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Tags =
    [
        ("Scenarios", "Scenario versions: submitted, validated and stored."),
        ("Runs", "Plans of a stored scenario or variant: queued, followed, cancelled, read, explained, adopted."),
        ("Comparisons", "What-if comparisons of variants against their base."),
        ("Publications", "The plan of record and how each of its drops was published."),
        ("Tokens", "API tokens, for admins."),
        ("Operations", "Health and metrics, without a token."),
    ];

    public static Task ApplyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Scheduler API",
            Version = "1",
            Description = "Plan a streaming slate's releases, compare what-if variants, adopt a plan of record and follow its publication. "
                + "Every /api operation needs 'Authorization: Bearer TOKEN'; every error is application/problem+json with the input's errors listed.",
        };
        document.Servers = Server(context.ApplicationServices) is { } server ? [new OpenApiServer { Url = server }] : null;
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Paths ??= [];
        document.Paths[MetricsPath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "scrapeMetrics",
                    Summary = "The node's metrics in the Prometheus text format (publications, lateness, deliveries, the plan of record's gap).",
                    Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "The metrics.",
                            Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                        },
                    },
                },
            },
        };

        DescribeScenarioBody(document);
        foreach (var (path, item) in document.Paths)
        {
            if (path.StartsWith("/api/", StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            // Open to all, said as such: no requirement at all, not a missing one.
            foreach (var operation in item.Operations.Values)
            {
                operation.Security = [];
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The configured public address, else the address listened on when it names a host (a port of 0 is read from the running server); never the request's Host header.</summary>
    private static string? Server(IServiceProvider services)
    {
        var options = services.GetRequiredService<WebOptions>();
        var url = options.PublicUrl ?? options.Url;
        if (options.PublicUrl is null && url.Port == 0)
        {
            url = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)).FirstOrDefault() ?? url;
        }

        var wildcard = options.PublicUrl is null && (url.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+" || url.Port == 0);
        return wildcard ? null : url.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    // The endpoint reads the scenario itself (to name every error's place); the document says what it is.
    private static void DescribeScenarioBody(OpenApiDocument document)
    {
        if (document.Paths.TryGetValue("/api/scenarios", out var item) && item.Operations?.TryGetValue(HttpMethod.Post, out var submit) == true)
        {
            submit.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "A scenario document, as scenarios.schema.json describes it and docs/scenario-format.md explains it, "
                    + "or a slate workbook (.xlsx, docs/workbooks.md), stored as the scenario document it stands for.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
                    [Workbooks.Slates.SlateWorkbooks.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
        }
    }
}
